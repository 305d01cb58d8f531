// The Import tab: a folder (or a single .onnx model file) by path, checked first — its report decides whether
// it can be added, copied or linked in place — and the models found in the Hugging Face cache.
import { useState, type FormEvent } from 'react';
import type { LatentFamilyName } from '../../../../native-models/api/index.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { FolderReport } from './folder-report.tsx';
import { HfCacheList } from './hf-cache-list.tsx';
import { importNeeds, LATENT_FAMILY_MISSING, LatentFamilyField } from './latent-family-field.tsx';

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
  const [family, setFamily] = useState<LatentFamilyName | ''>('');
  const [familyMissing, setFamilyMissing] = useState(false);
  if (!preview) return null;
  const isOnnxFile = /\.onnx$/i.test(preview.path);
  const needs = importNeeds(preview.report);
  // The family is recorded in the copy; linking would have to write into the user's own folder.
  const canLink = !isOnnxFile && needs !== 'latent-family';
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (needs === 'latent-family' && !family) {
      setFamilyMissing(true);
      return;
    }
    void importModel(preview.path, canLink ? mode : 'copy', name.trim() || baseName(preview.path), needs === 'latent-family' && family ? family : undefined);
  };
  return (
    // noValidate: the missing family gets Tessera's own message, not the browser's bubble.
    <form className="import-preview" onSubmit={onSubmit} aria-label="Import preview" noValidate>
      <FolderReport report={preview.report} label={preview.path} asksForFamily={needs === 'latent-family'} />
      {needs !== 'unusable' ? (
        <div className="row-actions">
          {needs === 'latent-family' && (
            <LatentFamilyField
              value={family}
              onChange={(f) => {
                setFamily(f);
                setFamilyMissing(false);
              }}
            />
          )}
          <label className="inline-select">
            Name <input className="input" value={name} placeholder={baseName(preview.path)} onChange={(e) => setName(e.currentTarget.value)} aria-label="Model name" />
          </label>
          <label>
            <input type="radio" name="import-mode" checked={!canLink || mode === 'copy'} onChange={() => setMode('copy')} /> Copy
          </label>
          {/* A single file becomes a new folder, and a given latent family is written into the copy: both are copied. */}
          {canLink && (
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
          {familyMissing && (
            <p className="problems" role="alert">
              {LATENT_FAMILY_MISSING}
            </p>
          )}
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
