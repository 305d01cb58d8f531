// The Queue column of the Studio: running, queued (in start order) and recently finished jobs, each with its
// state and prompt, a running one's progress and time left, a finished one's duration; queued ones move up/down
// or cancel, a running one cancels, a failed or cancelled one retries; "Add to queue" queues the form and
// "Clear finished" takes the finished rows away.
import { useEffect, useState } from 'react';
import type { JobUpdateEvent } from '../../../../native-models/api/index.ts';
import { queuedJobs } from '../../store/queue-slice.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { QueueRowProgress } from './queue-row-progress.tsx';

const STATE_TEXT: Record<JobUpdateEvent['state'], string> = { queued: 'Queued', running: 'Running', done: 'Done', failed: 'Failed', cancelled: 'Cancelled' };

function QueueRow({ job, place, queuedCount }: { job: JobUpdateEvent; place: number; queuedCount: number }) {
  const move = useAppStore((s) => s.moveQueuedJob);
  const cancel = useAppStore((s) => s.cancelQueuedJob);
  const retry = useAppStore((s) => s.retryQueuedJob);
  const label = job.label ?? job.kind;
  const active = job.state === 'queued' || job.state === 'running';
  return (
    <li className={`queue-row state-${job.state}`} aria-label={`${label}, ${STATE_TEXT[job.state].toLowerCase()}`}>
      <div className="queue-row-head">
        <span className={`chip job-${job.state}`}>{STATE_TEXT[job.state]}</span>
        {job.state === 'queued' && <span className="muted small queue-place">#{place + 1} of {queuedCount}</span>}
        {job.restored && <span className="muted small">after restart</span>}
      </div>
      <p className="queue-label" title={label}>
        {label}
      </p>
      <QueueRowProgress job={job} label={label} />
      {(job.state === 'cancelled' || job.state === 'failed') && job.imagesRequested !== undefined && job.imagesRequested > 1 && (
        <p className="small queue-kept">
          {job.images?.length ?? 0} of {job.imagesRequested} done, {job.state}
        </p>
      )}
      {job.state === 'failed' && job.error && <p className="field-error">{job.error.message}</p>}
      {job.retryable && (
        <div className="queue-actions">
          <button type="button" className="button small" onClick={() => void retry(job.jobId)}>
            Retry
          </button>
        </div>
      )}
      {active && (
        <div className="queue-actions">
          {job.state === 'queued' && (
            <>
              <button type="button" className="button small" onClick={() => void move(job.jobId, -1)} disabled={place === 0}>
                Move up
              </button>
              <button type="button" className="button small" onClick={() => void move(job.jobId, 1)} disabled={place === queuedCount - 1}>
                Move down
              </button>
            </>
          )}
          <button type="button" className="button small" onClick={() => void cancel(job.jobId)}>
            Cancel
          </button>
        </div>
      )}
    </li>
  );
}

export function QueuePanel() {
  const jobs = useAppStore((s) => s.queueJobs);
  const load = useAppStore((s) => s.loadJobs);
  const add = useAppStore((s) => s.addFormToQueue);
  const clearFinished = useAppStore((s) => s.clearFinishedJobs);
  useEffect(() => {
    void load();
  }, [load]);
  const queued = queuedJobs(jobs);
  const anyFinished = jobs.some((j) => j.state !== 'queued' && j.state !== 'running');
  // Collapsing leaves the dock's room to the Edit panel on small windows; the count still shows.
  const [open, setOpen] = useState(true);
  return (
    <section className="panel queue-panel" aria-labelledby="queue-heading">
      <div className="panel-head">
        <h2 id="queue-heading">Queue</h2>
        <div className="queue-actions">
          <button type="button" className="button small" aria-expanded={open} aria-controls="queue-jobs" onClick={() => setOpen(!open)}>
            {open ? 'Hide jobs' : `Show jobs (${jobs.length})`}
          </button>
          <button type="button" className="button small" onClick={() => void add()}>
            Add to queue
          </button>
          <button type="button" className="button small" onClick={() => void clearFinished()} disabled={!anyFinished}>
            Clear finished
          </button>
        </div>
      </div>
      {!open ? null : jobs.length === 0 ? (
        <p className="muted small">No jobs yet. Generate, or add the form to the queue to run it after the others.</p>
      ) : (
        <ol id="queue-jobs" className="queue-list" aria-label="Jobs">
          {jobs.map((job) => (
            <QueueRow key={job.jobId} job={job} place={queued.indexOf(job)} queuedCount={queued.length} />
          ))}
        </ol>
      )}
    </section>
  );
}
