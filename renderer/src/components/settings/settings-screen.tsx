// The Settings screen: execution provider, threads, image pixel limit, output and models folders, low-memory mode
// and the Redis URL of the distributed batch. Saved together; the host's verdict (or its error) appears next to the button.
import { useEffect, useState, type FormEvent } from 'react';
import type { Settings, SettingsResult } from '../../../../native-models/api/index.ts';
import { blankToNull } from '../../store/settings-slice.ts';
import { useAppStore } from '../../store/store-context.tsx';

/** The form's own copy: text fields hold what is typed; blank folders mean "the default". */
interface Draft {
  provider: Settings['provider'];
  threads: string;
  outputDir: string;
  modelsDir: string;
  lowMemory: boolean;
  redisUrl: string;
  maxPixels: string;
}

function draftOf(s: Settings): Draft {
  return { provider: s.provider, threads: String(s.threads), outputDir: s.outputDir ?? '', modelsDir: s.modelsDir ?? '', lowMemory: s.lowMemory, redisUrl: s.redisUrl ?? '', maxPixels: String(s.maxPixels) };
}

/** The form's fields over the loaded settings (defaultModels is set on the Models screen, kept as it is). */
function settingsOf(d: Draft, loaded: Settings): Settings {
  return { ...loaded, provider: d.provider, threads: Number(d.threads), outputDir: blankToNull(d.outputDir), modelsDir: blankToNull(d.modelsDir), lowMemory: d.lowMemory, redisUrl: blankToNull(d.redisUrl), maxPixels: Number(d.maxPixels) };
}

function ProviderField({ value, onChange }: { value: Settings['provider']; onChange: (v: Settings['provider']) => void }) {
  const providers = useAppStore((s) => s.health?.providers ?? []);
  return (
    <div className="field">
      <label htmlFor="settings-provider">Execution provider</label>
      <select id="settings-provider" className="input" value={value} onChange={(e) => onChange(e.currentTarget.value as Settings['provider'])}>
        <option value="auto">Automatic (time the available ones on first use)</option>
        {providers.map((p) => (
          <option key={p.provider} value={p.provider} disabled={!p.available} title={p.reason}>
            {p.provider}
            {p.available ? '' : ' (unavailable)'}
          </option>
        ))}
      </select>
    </div>
  );
}

function TextField({ id, label, value, placeholder, hint, onChange }: { id: string; label: string; value: string; placeholder?: string; hint?: string; onChange: (v: string) => void }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} className="input" type="text" value={value} placeholder={placeholder} spellCheck={false} aria-describedby={hint ? `${id}-hint` : undefined} onChange={(e) => onChange(e.currentTarget.value)} />
      {hint && (
        <span id={`${id}-hint`} className="muted small">
          {hint}
        </span>
      )}
    </div>
  );
}

function SettingsForm({ loaded }: { loaded: SettingsResult }) {
  const save = useAppStore((s) => s.saveSettings);
  const status = useAppStore((s) => s.settingsStatus);
  const error = useAppStore((s) => s.settingsError);
  const [draft, setDraft] = useState(() => draftOf(loaded.settings));
  useEffect(() => setDraft(draftOf(loaded.settings)), [loaded]);
  const edit = (change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change }));
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void save(settingsOf(draft, loaded.settings));
  };
  return (
    <form className="settings-form" onSubmit={onSubmit} noValidate>
      <fieldset className="settings-group">
        <legend>Engine</legend>
        <ProviderField value={draft.provider} onChange={(provider) => edit({ provider })} />
        <div className="field">
          <label htmlFor="settings-threads">Threads</label>
          <input id="settings-threads" className="input" type="number" min={0} max={256} value={draft.threads} aria-describedby="settings-threads-hint" onChange={(e) => edit({ threads: e.currentTarget.value })} />
          <span id="settings-threads-hint" className="muted small">
            0 lets ONNX Runtime choose (one per physical core).
          </span>
        </div>
        <div className="field">
          <label htmlFor="settings-max-pixels">Largest image (pixels)</label>
          <input id="settings-max-pixels" className="input" type="number" min={1} value={draft.maxPixels} aria-describedby="settings-max-pixels-hint" onChange={(e) => edit({ maxPixels: e.currentTarget.value })} />
          <span id="settings-max-pixels-hint" className="muted small">
            Images over width × height = this are refused before decoding (default 67108864 = 8192 × 8192).
          </span>
        </div>
        <label className="check-field">
          <input type="checkbox" checked={draft.lowMemory} onChange={(e) => edit({ lowMemory: e.currentTarget.checked })} />
          Low-memory mode <span className="muted small">(load each network only while it runs: lower peak memory, slower)</span>
        </label>
      </fieldset>
      <fieldset className="settings-group">
        <legend>Folders</legend>
        <TextField id="settings-output" label="Output folder" value={draft.outputDir} placeholder={loaded.outputDir} hint={`Results are written here. In use: ${loaded.outputDir}`} onChange={(outputDir) => edit({ outputDir })} />
        <TextField id="settings-models" label="Models folder" value={draft.modelsDir} placeholder={loaded.modelsRoot} hint={`In use: ${loaded.modelsRoot}`} onChange={(modelsDir) => edit({ modelsDir })} />
      </fieldset>
      <fieldset className="settings-group">
        <legend>Distributed batch</legend>
        <TextField id="settings-redis" label="Redis URL" value={draft.redisUrl} placeholder="redis://127.0.0.1:6379" hint="redis:// or rediss:// (TLS); used by the distributed batch." onChange={(redisUrl) => edit({ redisUrl })} />
      </fieldset>
      <p className="muted small settings-data">Data folder (queue, gallery, settings): {loaded.dataDir}</p>
      <div className="actions settings-actions">
        <button type="submit" className="button primary" disabled={status === 'saving'}>
          Save settings
        </button>
        <span className="status-line small" role="status">
          {status === 'saving' ? 'Saving…' : status === 'saved' ? 'Saved and applied: the next job uses them.' : ''}
        </span>
      </div>
      {error && (
        <p className="settings-error" role="alert">
          <strong>{error.code}</strong> {error.message}
        </p>
      )}
      {loaded.pendingRestart.length > 0 && <p className="field-hint">Takes effect after a restart: {loaded.pendingRestart.join(', ')}</p>}
    </form>
  );
}

export function SettingsScreen() {
  const loaded = useAppStore((s) => s.settings);
  const error = useAppStore((s) => s.settingsError);
  const load = useAppStore((s) => s.loadSettings);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <main className="settings-screen" aria-label="Settings">
      <section className="panel settings-panel" aria-labelledby="settings-heading">
        <h2 id="settings-heading">Settings</h2>
        {loaded ? (
          <SettingsForm loaded={loaded} />
        ) : error ? (
          <p className="settings-error" role="alert">
            <strong>{error.code}</strong> {error.message}
          </p>
        ) : (
          <p className="muted">Loading…</p>
        )}
      </section>
    </main>
  );
}
