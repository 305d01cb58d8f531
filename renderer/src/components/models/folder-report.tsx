// A `checkModel` report as the Import tab shows it before anything is added: kind, variant, size, and each
// problem that makes the folder unusable.
import type { ModelFolderReportData } from '../../../../native-models/api/index.ts';
import { formatBytes } from './byte-units.ts';

export function FolderReport({ report, label }: { report: ModelFolderReportData; label: string }) {
  return (
    <div className="folder-report" aria-label={`Check report of ${label}`}>
      <span className={`chip kind-${report.kind}`}>{report.kind}</span>{' '}
      <span className={`chip ${report.usable ? 'usable' : 'unusable'}`}>{report.usable ? 'usable' : 'not usable'}</span>{' '}
      <span className="model-variant">{report.variant}</span> <span className="model-size">{formatBytes(report.sizeBytes)}</span>
      {report.problems.length > 0 && (
        <ul className="problems" aria-label={`Problems with ${label}`}>
          {report.problems.map((p) => (
            <li key={p.message}>
              {p.code}: {p.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
