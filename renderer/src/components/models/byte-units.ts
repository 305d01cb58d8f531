// Sizes, rates and times left as the Models screen shows them (binary units, as file managers on Linux do).

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KiB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
}

export function formatRate(bytesPerSecond: number): string {
  return `${formatBytes(Math.round(bytesPerSecond))}/s`;
}

/** Seconds left at the current rate; null while there is no rate to extrapolate from. */
export function secondsLeft(bytesDone: number, bytesTotal: number, bytesPerSecond: number): number | null {
  if (bytesPerSecond <= 0 || bytesTotal <= bytesDone) return null;
  return (bytesTotal - bytesDone) / bytesPerSecond;
}

export function formatDuration(seconds: number): string {
  const s = Math.ceil(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}
