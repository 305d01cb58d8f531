// Prints the bench results as one two-column table (stdout) — the same rows BENCHMARKS.md shows.

export type Row = [label: string, value: string];

export function formatTable(title: string, rows: readonly Row[]): string {
  const width = Math.max(...rows.map(([k]) => k.length));
  return `${title}\n${rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n')}\n`;
}

export const ms = (v: number): string => (v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : `${v.toFixed(v < 100 ? 1 : 0)} ms`);
export const ratio = (v: number): string => `${v.toFixed(v < 10 ? 3 : 1)}×`;
export const formatBytesMb = (mib: number): string => `${mib.toFixed(0)} MiB`;
