// A queue row's progress bar (running jobs) and its line of time: elapsed and about how long is left while it
// runs, how long it took once finished.
import type { JobUpdateEvent } from '../../../../native-models/api/index.ts';
import { jobTimeText } from '../../store/job-progress.ts';
import { useAppStore } from '../../store/store-context.tsx';

export function QueueRowProgress({ job, label }: { job: JobUpdateEvent; label: string }) {
  const progress = useAppStore((s) => s.jobProgress[job.jobId]);
  const text = jobTimeText(job, progress);
  return (
    <>
      {job.state === 'running' && (
        <div className="progress-track queue-progress" role="progressbar" aria-label={`Progress of ${label}`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round((progress?.fraction ?? 0) * 100)}>
          <div className="progress-fill" style={{ width: `${(progress?.fraction ?? 0) * 100}%` }} />
        </div>
      )}
      {text && <p className="muted small queue-time">{text}</p>}
    </>
  );
}
