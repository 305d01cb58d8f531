// A `checkModel` report as the Import tab shows it before anything is added: kind, variant, size, and each
// problem that makes the folder unusable.
import type { ModelFolderReportData } from '../../../../native-models/api/index.ts';
import { formatBytes } from './byte-units.ts';

/** `asksForFamily`: the form below asks for the latent family, so its problem reads as a question, not a refusal. */
export function FolderReport({ report, label, asksForFamily = false }: { report: ModelFolderReportData; label: string; asksForFamily?: boolean }) {
  const problems = asksForFamily ? report.problems.filter((p) => p.solvedByImportOption !== 'latentFamily') : report.problems;
  return (
    <div className="folder-report" aria-label={`Check report of ${label}`}>
      <span className={`chip kind-${report.kind}`}>{report.kind}</span>{' '}
      {asksForFamily ? <span className="chip">needs its latent family</span> : <span className={`chip ${report.usable ? 'usable' : 'unusable'}`}>{report.usable ? 'usable' : 'not usable'}</span>}{' '}
      <span className="model-variant">{report.variant}</span> <span className="model-size">{formatBytes(report.sizeBytes)}</span>
      {asksForFamily && <p className="muted">The latent family is not recorded in this folder and its graph does not say it: choose it below; it is written into the copy.</p>}
      {problems.length > 0 && (
        <ul className="problems" aria-label={`Problems with ${label}`}>
          {problems.map((p) => (
            <li key={p.message}>
              {p.code}: {p.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
