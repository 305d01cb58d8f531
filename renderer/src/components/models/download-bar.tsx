// One catalogue download's progress: a bar with bytes done of total, the rate and the time left (running), or
// how far a paused download got (resumable from its partial files).
import type { DownloadProgressEvent } from '../../../../native-models/api/index.ts';
import { formatBytes, formatDuration, formatRate, secondsLeft } from './byte-units.ts';

export function DownloadBar({ name, progress, partialBytes, totalBytes, state }: { name: string; progress?: DownloadProgressEvent; partialBytes: number; totalBytes: number | null; state: 'queued' | 'running' | 'paused' }) {
  const done = progress?.bytesDone ?? partialBytes;
  const total = progress?.bytesTotal ?? totalBytes ?? 0;
  const fraction = total > 0 ? Math.min(1, done / total) : 0;
  const eta = state === 'running' && progress ? secondsLeft(done, total, progress.bytesPerSecond) : null;
  const parts = [`${formatBytes(done)} of ${total > 0 ? formatBytes(total) : '?'}`];
  if (state === 'running' && progress) parts.push(formatRate(progress.bytesPerSecond), eta === null ? '' : `${formatDuration(eta)} left`);
  if (state === 'running' && progress && progress.phase !== 'downloading') parts.push(progress.phase);
  if (state === 'paused') parts.push('paused');
  if (state === 'queued') parts.push('queued');
  return (
    <div className="progress download-progress">
      <div className="progress-track" role="progressbar" aria-label={`Download of ${name}`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(fraction * 100)}>
        <div className="progress-fill" style={{ width: `${(fraction * 100).toFixed(1)}%` }} />
      </div>
      <span className="progress-text" aria-label={`Download status of ${name}`}>
        {parts.filter(Boolean).join(' · ')}
      </span>
    </div>
  );
}
