// Models already on disk in the Hugging Face cache: each found folder with its check report and a one-click
// "Use in place" (a link into the models folder; nothing is copied). Unusable ones show why and cannot be added.
import type { HfCacheModelInfo } from '../../../../native-models/api/index.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { FolderReport } from './folder-report.tsx';

function CacheRow({ model }: { model: HfCacheModelInfo }) {
  const importModel = useAppStore((s) => s.importModel);
  const label = `${model.repo}${model.subfolder ? `/${model.subfolder}` : ''}`;
  return (
    <li className="cache-row" aria-label={label}>
      <div className="catalogue-head">
        <span className="model-name" title={model.path}>
          {label}
        </span>
        <span className="muted">
          {model.revision.slice(0, 8)}
          {model.refs.length > 0 ? ` (${model.refs.join(', ')})` : ''}
        </span>
      </div>
      <FolderReport report={model.report} label={label} />
      <div className="row-actions">
        {model.linkedAs ? (
          <span className="chip usable">in use as {model.linkedAs}</span>
        ) : (
          <button type="button" className="button small accent" disabled={!model.report.usable} onClick={() => void importModel(model.path, 'link', model.suggestedName)} aria-label={`Use ${label} in place`}>
            Use in place as {model.suggestedName}
          </button>
        )}
      </div>
    </li>
  );
}

export function HfCacheList() {
  const scan = useAppStore((s) => s.cacheScan);
  const status = useAppStore((s) => s.cacheScanStatus);
  const scanCaches = useAppStore((s) => s.scanCaches);
  return (
    <section className="hf-cache" aria-labelledby="hf-cache-heading">
      <div className="panel-head">
        <h3 id="hf-cache-heading">Hugging Face cache</h3>
        <button type="button" className="button small" onClick={() => void scanCaches()} disabled={status === 'loading'}>
          {status === 'loading' ? 'Scanning…' : scan ? 'Scan again' : 'Scan for models'}
        </button>
      </div>
      {scan && (
        <>
          <p className="muted">
            Looked in:{' '}
            {scan.roots.map((r) => `${r.path} (${r.source}${r.exists ? '' : ', absent'})`).join('; ')}
          </p>
          {scan.models.length === 0 && <p className="muted">No ONNX model folders found there.</p>}
          <ul className="model-list" aria-label="Models in the Hugging Face cache">
            {scan.models.map((m) => (
              <CacheRow key={m.path} model={m} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
