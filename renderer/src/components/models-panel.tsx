// The installed models: name, kind, variant, size, usable status and a "synthetic demo" label; pick one to select
// it; per model its usage, "Set as default", "Check files" and Remove (models/installed-row-actions.tsx).
import { useEffect } from 'react';
import type { InstalledModelInfo } from '../../../native-models/api/index.ts';
import { useAppStore } from '../store/store-context.tsx';
import { formatBytes } from './models/byte-units.ts';
import { InstalledRowActions } from './models/installed-row-actions.tsx';

const KIND_LABELS: Record<InstalledModelInfo['report']['kind'], string> = {
  diffusion: 'diffusion',
  'tiny-decoder': 'tiny decoder',
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
      <InstalledRowActions model={model} />
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
  const loadUsage = useAppStore((s) => s.loadUsage);
  const queueJobs = useAppStore((s) => s.queueJobs);
  // Usage follows the list and the queue (a job starting or ending changes what Remove allows).
  useEffect(() => {
    void loadUsage();
  }, [models, queueJobs, loadUsage]);
  return (
    <section className="panel models-panel" aria-labelledby="models-heading">
      <div className="panel-head">
        <h2 id="models-heading">Installed</h2>
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
