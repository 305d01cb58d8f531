// The Installed tab's per-model facts and actions: which jobs and defaults use it, "Set as default" for its
// kind, "Check files" (sizes and sha256 against the install manifest) and Remove (to the trash; a link only
// loses the link; refused while a job uses it).
import { DEFAULT_MODEL_KINDS, type DefaultModelKind, type InstalledModelInfo } from '../../../../native-models/api/index.ts';
import { useAppStore } from '../../store/store-context.tsx';

function isDefaultKind(kind: string): kind is DefaultModelKind {
  return (DEFAULT_MODEL_KINDS as readonly string[]).includes(kind);
}

function FileCheckResult({ modelId }: { modelId: string }) {
  const check = useAppStore((s) => s.fileChecks[modelId]);
  if (!check) return null;
  if (!('files' in check)) {
    return (
      <p className="problems" aria-label={`File check of ${modelId}`}>
        {check.code}: {check.message}
      </p>
    );
  }
  const bad = check.files.filter((f) => f.status !== 'ok');
  return (
    <div aria-label={`File check of ${modelId}`} className={check.ok ? 'muted' : 'problems'}>
      {check.ok ? `All ${check.files.length} files match their recorded sizes and hashes` : `${bad.length} of ${check.files.length} files damaged:`}
      {bad.length > 0 && (
        <ul>
          {bad.map((f) => (
            <li key={f.path}>
              {f.path}: {f.status === 'missing' ? 'missing' : f.status === 'size-mismatch' ? `${f.size} bytes, expected ${f.expectedSize}` : `sha256 ${f.sha256?.slice(0, 12)}…, expected ${f.expectedSha256?.slice(0, 12)}…`}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function InstalledRowActions({ model }: { model: InstalledModelInfo }) {
  const usage = useAppStore((s) => s.usage[model.id]);
  const setDefault = useAppStore((s) => s.setDefaultModel);
  const checkFiles = useAppStore((s) => s.checkFiles);
  const remove = useAppStore((s) => s.removeModel);
  const kind = model.report.kind;
  const busy = (usage?.jobs.length ?? 0) > 0;
  const hasManifest = model.source === 'catalogue' || (model.source === 'import' && !model.linked);
  return (
    <div className="installed-extra">
      <p className="muted" aria-label={`Usage of ${model.id}`}>
        {[
          usage?.selected ? 'selected in the Studio' : '',
          usage && usage.defaultFor.length > 0 ? `default for ${usage.defaultFor.join(', ')}` : '',
          busy ? `${usage!.jobs.length} job(s): ${usage!.jobs.map((j) => `${j.label ?? j.jobId} (${j.state})`).join(', ')}` : '',
          model.linked ? 'linked in place' : '',
        ]
          .filter(Boolean)
          .join(' · ') || 'not used by any job or default'}
      </p>
      <div className="row-actions">
        {isDefaultKind(kind) && !usage?.defaultFor.includes(kind) && (
          <button type="button" className="button small" disabled={!model.report.usable} onClick={() => void setDefault(kind, model.id)} aria-label={`Set ${model.id} as default`}>
            Set as default
          </button>
        )}
        {hasManifest && (
          <button type="button" className="button small" onClick={() => void checkFiles(model.id)} aria-label={`Check files of ${model.id}`}>
            Check files
          </button>
        )}
        <button type="button" className="button small danger" disabled={busy} title={busy ? 'a queued or running job uses this model' : model.linked ? 'removes the link only' : 'moves the folder to the trash'} onClick={() => void remove(model.id)} aria-label={`Remove ${model.id}`}>
          {model.linked ? 'Remove link' : 'Remove'}
        </button>
      </div>
      <FileCheckResult modelId={model.id} />
    </div>
  );
}
