// The batch being followed: a progress bar with done / failed / skipped of the total, rate and time left;
// Pause / Resume / Cancel while it runs (no pause for a batch on Redis workers: they do not share this app's
// gate); when it ends, the summary from the manifest and the list of failures.
import type { BatchFolderSummary } from '../../../../native-models/api/index.ts';
import { isBatchActive, type BatchProgressView, type BatchStatus } from '../../store/app-state.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { BatchReviewGrid } from './batch-review-grid.tsx';

/** 75 → "1:15", 3725 → "1:02:05". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const [h, m, r] = [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60];
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(r).padStart(2, '0')}`;
}

const STATUS_TEXT: Record<BatchStatus, string> = {
  idle: 'No batch running. Set one up and press Start.',
  starting: 'Starting…',
  queued: 'Queued behind another job on this model…',
  running: 'Running',
  done: 'Finished',
  failed: 'Stopped by an error',
  cancelled: 'Cancelled: start it again on the same folder to resume',
};

function ProgressBar({ progress }: { progress: BatchProgressView }) {
  const { total, finished } = progress;
  return (
    <div className="progress batch-progress">
      <div className="progress-track" role="progressbar" aria-label="Batch progress" aria-valuemin={0} aria-valuemax={total || 1} aria-valuenow={finished} aria-valuetext={`${finished} of ${total} items`}>
        <div className="progress-fill" style={{ width: `${total ? (100 * finished) / total : 0}%` }} />
      </div>
      <span className="progress-text">
        {finished} of {total}
      </span>
    </div>
  );
}

function Counts({ progress, running }: { progress: BatchProgressView; running: boolean }) {
  const rate = progress.itemsPerS > 0 ? `${progress.itemsPerS >= 10 ? progress.itemsPerS.toFixed(0) : progress.itemsPerS.toFixed(2)} items/s` : '—';
  return (
    <dl className="batch-counts" aria-label="Batch counts">
      <div>
        <dt>Done</dt>
        <dd>{progress.done}</dd>
      </div>
      <div>
        <dt>Already done</dt>
        <dd>{progress.alreadyDone}</dd>
      </div>
      <div className={progress.failed > 0 ? 'bad' : undefined}>
        <dt>Failed</dt>
        <dd>{progress.failed}</dd>
      </div>
      <div>
        <dt>Skipped</dt>
        <dd>{progress.skipped}</dd>
      </div>
      <div>
        <dt>Rate</dt>
        <dd>{rate}</dd>
      </div>
      <div>
        <dt>{running ? 'Time left' : 'Time'}</dt>
        <dd>{running ? (progress.etaS === null ? '—' : formatDuration(progress.etaS)) : formatDuration(progress.elapsedMs / 1000)}</dd>
      </div>
    </dl>
  );
}

function Controls({ onRedis }: { onRedis: boolean }) {
  const paused = useAppStore((s) => s.batchPaused);
  const pause = useAppStore((s) => s.pauseBatch);
  const resume = useAppStore((s) => s.resumeBatch);
  const cancel = useAppStore((s) => s.cancelBatch);
  return (
    <div className="actions">
      {onRedis ? null : paused ? (
        <button type="button" className="button" onClick={() => void resume()}>
          Resume
        </button>
      ) : (
        <button type="button" className="button" onClick={() => void pause()}>
          Pause
        </button>
      )}
      <button type="button" className="button" onClick={() => void cancel()}>
        Cancel
      </button>
    </div>
  );
}

function Summary({ summary }: { summary: BatchFolderSummary }) {
  return (
    <section className="batch-summary" aria-labelledby="batch-summary-heading">
      <h3 id="batch-summary-heading">Summary</h3>
      <p className="muted small">
        The output folder’s manifest lists {summary.counts.done} done, {summary.counts.failed} failed, {summary.counts.skipped} skipped (not images)
        {summary.counts.interrupted > 0 ? `, ${summary.counts.interrupted} interrupted` : ''}. Manifest: {summary.manifestPath}
      </p>
      {summary.failures.length > 0 ? (
        <ul className="batch-failures" aria-label="Failures">
          {summary.failures.map((f) => (
            <li key={f.input}>
              <span className="batch-failure-input">{f.input}</span>
              {f.code && <span className="chip unusable">{f.code}</span>}
              <span className="batch-failure-error">{f.error}</span>
            </li>
          ))}
          {summary.failuresLeftOut > 0 && <li className="muted">…and {summary.failuresLeftOut} more in the manifest</li>}
        </ul>
      ) : (
        <p className="muted">No failures.</p>
      )}
    </section>
  );
}

function RunError() {
  const error = useAppStore((s) => (s.batchStatus === 'failed' ? s.batchError : null));
  if (!error) return null;
  return (
    <p className="batch-error" role="alert">
      <strong>{error.code}</strong> {error.message}
    </p>
  );
}

export function BatchRunPanel() {
  const status = useAppStore((s) => s.batchStatus);
  const paused = useAppStore((s) => s.batchPaused);
  const progress = useAppStore((s) => s.batchProgress);
  const summary = useAppStore((s) => (s.batchStatus === 'idle' ? null : s.batchSummary));
  const running = isBatchActive(status);
  const text = running && paused ? 'Paused: the items in flight finish, nothing new starts' : STATUS_TEXT[status];
  return (
    <section className="panel batch-run" aria-labelledby="batch-run-heading">
      <div className="panel-head">
        <h2 id="batch-run-heading">Progress</h2>
        {running && <Controls onRedis={progress?.redis !== undefined} />}
      </div>
      <p className="status-line" role="status">
        {text}
      </p>
      {progress?.redis && (
        <p className="muted small batch-redis" aria-label="Runs on Redis workers">
          On Redis workers: batch {progress.redis.batchId}, queue {progress.redis.queue}. Cancel stops following it here; the workers go on, and starting the same batch again follows it.
        </p>
      )}
      {progress && <ProgressBar progress={progress} />}
      {progress && <Counts progress={progress} running={running} />}
      {progress?.current && running && <p className="muted small batch-current">Last: {progress.current}</p>}
      <RunError />
      {summary && !running && <Summary summary={summary} />}
      {!running && <BatchReviewGrid />}
    </section>
  );
}
