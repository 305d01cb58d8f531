// Where the items of a run write, decided once before it starts, the same way for a local batch and a distributed
// one: each item's planned outputs, and for each item done before, the free names its new outputs take if its
// input has changed since (same name, other content) — written beside the earlier outputs, which are kept.
import type { BatchItem } from './batch-job.ts';
import type { ManifestState } from './manifest-reader.ts';
import { versionedOutput } from './output-naming.ts';

export interface OutputPlan<I extends BatchItem> {
  items: I[];
  /** Input → names for its new outputs should its content differ from its `done` line's hash. */
  versions: Map<string, string[]>;
}

/** Names in use: files present, every output any manifest line claims, every planned output. */
function takenNames(items: readonly BatchItem[], state: ManifestState, existing: ReadonlySet<string>): Set<string> {
  const taken = new Set(existing);
  for (const claimed of state.claimed.values()) for (const name of claimed) taken.add(name);
  for (const item of items) for (const name of item.outputs) taken.add(name);
  return taken;
}

export function planOutputs<I extends BatchItem>(items: readonly I[], state: ManifestState, existing: ReadonlySet<string>): OutputPlan<I> {
  const taken = takenNames(items, state, existing);
  const versions = new Map<string, string[]>();
  for (const item of items) {
    if (state.latest.get(item.input)?.status !== 'done') continue;
    for (let n = 2; ; n++) {
      const names = item.outputs.map((o) => versionedOutput(o, n));
      if (names.some((name) => taken.has(name))) continue;
      for (const name of names) taken.add(name);
      versions.set(item.input, names);
      break;
    }
  }
  return { items: [...items], versions };
}

/** The outputs of an item's `done` line that are still there, when its input changed since: they are kept. */
export function keptOutputs(state: ManifestState, input: string, hash: string, existing: ReadonlySet<string>): string[] {
  const before = state.latest.get(input);
  if (before?.status !== 'done' || before.hash === undefined || before.hash === hash) return [];
  return before.outputs.filter((o) => existing.has(o));
}
