// The Batch panel's set-up: folders, job type, model (only those that fit the job) and options; Start, which
// reads "Resume" when the output folder already holds this kind of batch (its manifest skips what is done).
import { useEffect, useMemo, type FormEvent } from 'react';
import { BATCH_KIND_LABELS, batchModelId, modelFits } from '../../store/batch-form.ts';
import { isBatchActive } from '../../store/app-state.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { BatchSelect, FieldNote, FolderField, useFieldNote } from './batch-fields.tsx';
import { BatchKindOptions } from './batch-kind-options.tsx';

function ModelField() {
  const kind = useAppStore((s) => s.batchForm.kind);
  const cutoutPrompt = useAppStore((s) => s.batchForm.cutoutPrompt);
  const models = useAppStore((s) => s.models);
  const chosen = useAppStore((s) => batchModelId(s.batchForm, s.models));
  const setField = useAppStore((s) => s.setBatchField);
  const loading = useAppStore((s) => s.modelsStatus !== 'ready' && s.models.length === 0);
  const choices = useMemo(() => models.filter((m) => modelFits(kind, m, cutoutPrompt)), [models, kind, cutoutPrompt]);
  const { id, problem, describedBy } = useFieldNote('modelId');
  return (
    <div className="field">
      <label htmlFor={id}>Model</label>
      <select id={id} className="input" value={chosen ?? ''} aria-invalid={problem ? true : undefined} aria-describedby={describedBy} onChange={(e) => setField('modelId', e.currentTarget.value)}>
        {chosen === null && <option value="">{loading ? 'Loading models…' : 'No model fits this job'}</option>}
        {choices.map((m) => (
          <option key={m.id} value={m.id}>
            {m.demo ? `${m.id.slice(m.id.indexOf('/') + 1)} (demo)` : m.name}
          </option>
        ))}
      </select>
      <FieldNote id={id} problem={problem} />
    </div>
  );
}

function ResumeNote() {
  const summary = useAppStore((s) => s.batchSummary);
  const status = useAppStore((s) => s.batchStatus);
  if (!summary?.exists || status !== 'idle') return null;
  const { done, failed, interrupted } = summary.counts;
  return (
    <p className="batch-resume-note" role="note">
      This folder already holds a batch: {done} done, {failed} failed{interrupted > 0 ? `, ${interrupted} interrupted` : ''}. Resume skips what is done and retries the rest.
    </p>
  );
}

/** The host part of a Redis URL: never the password. */
function redisHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the Redis server in Settings';
  }
}

/** With a Redis URL in Settings, Start submits the batch to `tessera worker`s instead of running it here. */
function RunsOnNote() {
  const redisUrl = useAppStore((s) => s.settings?.settings.redisUrl ?? null);
  const settingsLoaded = useAppStore((s) => s.settings !== null);
  const load = useAppStore((s) => s.loadSettings);
  useEffect(() => {
    if (!settingsLoaded) void load();
  }, [settingsLoaded, load]);
  if (!redisUrl) return null;
  return (
    <p className="batch-redis-note" role="note">
      Runs on Redis workers at {redisHost(redisUrl)}: Start submits the batch as jobs for <code>tessera worker</code> processes and follows them here. The input and output
      folders must be on storage every worker can reach. Clear the Redis URL in Settings to run batches on this machine.
    </p>
  );
}

function StartError() {
  const error = useAppStore((s) => (s.batchError && s.batchError.field === null && s.batchStatus === 'idle' ? s.batchError : null));
  if (!error) return null;
  return (
    <p className="batch-error" role="alert">
      <strong>{error.code}</strong> {error.message}
    </p>
  );
}

export function BatchSetupPanel() {
  const kind = useAppStore((s) => s.batchForm.kind);
  const start = useAppStore((s) => s.startBatch);
  const active = useAppStore((s) => isBatchActive(s.batchStatus));
  // Until the model list arrives there is nothing to pick: Start waits rather than refusing.
  const loadingModels = useAppStore((s) => s.modelsStatus !== 'ready' && s.models.length === 0);
  const resumable = useAppStore((s) => s.batchSummary?.exists === true && s.batchSummary.outputDir === s.batchForm.outputDir.trim());
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void start();
  };
  return (
    <section className="panel batch-setup" aria-labelledby="batch-setup-heading">
      <h2 id="batch-setup-heading">Batch</h2>
      <form className="batch-form" onSubmit={onSubmit} noValidate>
        <fieldset className="batch-group" disabled={active}>
          <legend>Job</legend>
          <div className="field-row">
            <BatchSelect field="kind" label="Job type" choices={BATCH_KIND_LABELS} />
            <ModelField />
          </div>
          {kind !== 'generate' && <FolderField field="inputDir" label="Input folder" />}
          <FolderField field="outputDir" label="Output folder" hint="Created when missing; a manifest there records every item." />
        </fieldset>
        <BatchKindOptions />
        <ResumeNote />
        <RunsOnNote />
        <StartError />
        <div className="actions">
          <button type="submit" className="button primary" disabled={active || loadingModels}>
            {resumable ? 'Resume' : 'Start'}
          </button>
        </div>
      </form>
    </section>
  );
}
