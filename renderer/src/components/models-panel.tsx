// The installed models: name, kind, variant, usable status and a "synthetic demo" label; pick one to select it.
import type { InstalledModelInfo } from '../../../native-models/api/index.ts';
import { useAppStore } from '../store/store-context.tsx';

function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KiB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
}

const KIND_LABELS: Record<InstalledModelInfo['report']['kind'], string> = {
  diffusion: 'diffusion',
  sam: 'segmentation',
  'background-removal': 'background removal',
  upscaler: 'upscaler',
  unknown: 'unknown',
};

function ModelRow({ model, selected, onSelect }: { model: InstalledModelInfo; selected: boolean; onSelect: () => void }) {
  const { report } = model;
  return (
    <li className={`model-row${selected ? ' selected' : ''}`} aria-label={model.name}>
      <label className="model-pick">
        <input type="radio" name="selected-model" checked={selected} onChange={onSelect} aria-label={`Use ${model.name}`} />
        <span className="model-name" title={model.id}>
          {model.demo ? model.id.slice(model.id.indexOf('/') + 1) : model.id}
        </span>
      </label>
      <span className={`chip kind-${report.kind}`}>{KIND_LABELS[report.kind]}</span>
      {model.demo && <span className="chip demo">synthetic demo</span>}
      <span className={`chip ${report.usable ? 'usable' : 'unusable'}`}>{report.usable ? 'usable' : 'not usable'}</span>
      <span className="model-variant">{report.variant}</span>
      <span className="model-size">{formatBytes(report.sizeBytes)}</span>
      {report.problems.length > 0 && (
        <ul className="problems" aria-label={`Problems with ${model.id}`}>
          {report.problems.map((p) => (
            <li key={p.message}>{p.message}</li>
          ))}
        </ul>
      )}
    </li>
  );
}

export function ModelsPanel() {
  const models = useAppStore((s) => s.models);
  const selected = useAppStore((s) => s.selectedModelId);
  const status = useAppStore((s) => s.modelsStatus);
  const root = useAppStore((s) => s.modelsRoot);
  const selectModel = useAppStore((s) => s.selectModel);
  const loadModels = useAppStore((s) => s.loadModels);
  return (
    <section className="panel models-panel" aria-labelledby="models-heading">
      <div className="panel-head">
        <h2 id="models-heading">Models</h2>
        <button type="button" className="button" onClick={() => void loadModels()} aria-label="Refresh models">
          Refresh
        </button>
      </div>
      {root && <p className="muted">Folder: {root}</p>}
      {status === 'loading' && models.length === 0 && <p className="muted">Loading models…</p>}
      {status === 'ready' && models.length === 0 && <p className="muted">No models installed.</p>}
      <ul className="model-list" aria-label="Installed models">
        {models.map((m) => (
          <ModelRow key={m.id} model={m} selected={m.id === selected} onSelect={() => void selectModel(m.id)} />
        ))}
      </ul>
    </section>
  );
}
