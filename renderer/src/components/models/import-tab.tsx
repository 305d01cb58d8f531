// The Import tab: a folder (or a single .onnx model file) by path, checked first — its report decides whether
// it can be added, copied or linked in place — and the models found in the Hugging Face cache.
import { useState, type FormEvent } from 'react';
import { useAppStore } from '../../store/store-context.tsx';
import { FolderReport } from './folder-report.tsx';
import { HfCacheList } from './hf-cache-list.tsx';

function baseName(p: string): string {
  const parts = p.split(/[\\/]+/).filter(Boolean);
  return (parts.at(-1) ?? 'model').replace(/\.onnx$/i, '');
}

function ImportPreviewForm() {
  const preview = useAppStore((s) => s.importPreview);
  const importModel = useAppStore((s) => s.importModel);
  const clear = useAppStore((s) => s.clearImportPreview);
  const [mode, setMode] = useState<'copy' | 'link'>('copy');
  const [name, setName] = useState('');
  if (!preview) return null;
  const isOnnxFile = /\.onnx$/i.test(preview.path);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void importModel(preview.path, isOnnxFile ? 'copy' : mode, name.trim() || baseName(preview.path));
  };
  return (
    <form className="import-preview" onSubmit={onSubmit} aria-label="Import preview">
      <FolderReport report={preview.report} label={preview.path} />
      {preview.report.usable ? (
        <div className="row-actions">
          <label className="inline-select">
            Name <input className="input" value={name} placeholder={baseName(preview.path)} onChange={(e) => setName(e.currentTarget.value)} aria-label="Model name" />
          </label>
          <label>
            <input type="radio" name="import-mode" checked={mode === 'copy'} onChange={() => setMode('copy')} /> Copy
          </label>
          {/* A single file becomes a new folder, so it is always copied. */}
          {!isOnnxFile && (
            <label>
              <input type="radio" name="import-mode" checked={mode === 'link'} onChange={() => setMode('link')} /> Link in place
            </label>
          )}
          <button type="submit" className="button accent small">
            Add model
          </button>
          <button type="button" className="button small" onClick={clear}>
            Back
          </button>
        </div>
      ) : (
        <p className="problems" role="alert">
          This folder cannot be added until the problems above are fixed.
        </p>
      )}
    </form>
  );
}

export function ImportTab() {
  const previewImport = useAppStore((s) => s.previewImport);
  const notice = useAppStore((s) => s.libraryNotice);
  const [path, setPath] = useState('');
  const onCheck = (e: FormEvent) => {
    e.preventDefault();
    if (path.trim()) void previewImport(path.trim());
  };
  return (
    <div className="import-tab">
      <form className="batch-input-row" onSubmit={onCheck}>
        <input className="input" value={path} onChange={(e) => setPath(e.currentTarget.value)} placeholder="/path/to/model-folder or model.onnx" aria-label="Folder to import" />
        <button type="submit" className="button small">
          Check
        </button>
      </form>
      <ImportPreviewForm />
      {notice && (
        <p className="muted" role="status">
          {notice}
        </p>
      )}
      <HfCacheList />
    </div>
  );
}
