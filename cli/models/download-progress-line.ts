// One terminal line for a model download: bar, bytes done of total, rate, ETA and the file being fetched.
import type { InstallProgress } from '../../native-models/index.ts';
import { formatBytes } from '../format.ts';

/** `1h02m`, `6m12s`, `42s`. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s >= 3600) return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${s}s`;
}

/** ETA in seconds from the bytes still to come and the current rate; undefined while the rate is unknown. */
export function etaSeconds(p: Pick<InstallProgress, 'bytesDone' | 'bytesTotal' | 'bytesPerSecond'>): number | undefined {
  if (p.bytesPerSecond <= 0 || p.bytesTotal <= 0) return undefined;
  return Math.max(0, p.bytesTotal - p.bytesDone) / p.bytesPerSecond;
}

export function downloadProgressLine(p: InstallProgress, width = 24): string {
  const fraction = p.bytesTotal > 0 ? Math.min(1, p.bytesDone / p.bytesTotal) : 0;
  const filled = Math.round(fraction * width);
  const eta = etaSeconds(p);
  const file = p.file ? `  ${p.file} (${p.fileIndex + 1}/${p.fileCount})` : '';
  return (
    `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${formatBytes(p.bytesDone)} / ${p.bytesTotal > 0 ? formatBytes(p.bytesTotal) : '?'}` +
    `  ${formatBytes(Math.round(p.bytesPerSecond))}/s  ETA ${eta === undefined ? '--' : formatDuration(eta)}${file}`
  );
}
