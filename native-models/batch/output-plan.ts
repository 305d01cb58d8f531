// Where the items of a run write, decided once before it starts, the same way for a local batch and a distributed
// one: an item done or started before keeps the names its manifest line records (older folders resume as they
// are); any other item takes its job's names, given its input's extension back (or a version) where another item
// has them; and each item done before gets the free names its new outputs take if its input has changed since
// (same name, other content) — written beside the earlier outputs, which are kept.
import type { BatchItem } from './batch-job.ts';
import type { ManifestState } from './manifest-reader.ts';
import { versionedOutput, withInputExtension } from './output-naming.ts';

export interface OutputPlan<I extends BatchItem> {
  items: I[];
  /** Input → names for its new outputs should its content differ from its `done` line's hash. */
  versions: Map<string, string[]>;
}

/** The outputs a line of this input recorded, when it is the latest, done or started, and names as many files. */
function recordedOutputs(item: BatchItem, state: ManifestState): readonly string[] | null {
  const latest = state.latest.get(item.input);
  if ((latest?.status !== 'done' && latest?.status !== 'started') || latest.outputs.length !== item.outputs.length) return null;
  return latest.outputs;
}

/**
 * `existing` files count only for the version names: a planned name held by a file no manifest line claims is
 * left as it is, so that the run refuses to start over it (see refuseForeignOutputs) rather than step around it.
 */
export function planOutputs<I extends BatchItem>(items: readonly I[], state: ManifestState, existing: ReadonlySet<string>): OutputPlan<I> {
  // Names that are another input's: claimed by its manifest lines, or recorded names kept by this plan.
  const owner = new Map<string, string>();
  for (const [input, claimed] of state.claimed) for (const name of claimed) owner.set(name, input);
  const recorded = items.map((item) => recordedOutputs(item, state));
  items.forEach((item, k) => recorded[k]?.forEach((name) => owner.set(name, item.input)));
  const free = (names: readonly string[], input: string) => names.every((name) => (owner.get(name) ?? input) === input);
  const planned = items.map((item, k): I => {
    const kept = recorded[k];
    let outputs: readonly string[] = kept ?? item.outputs;
    if (!kept && !free(outputs, item.input)) {
      const withExtension = item.outputs.map((o) => withInputExtension(o, item.input));
      if (withExtension.every((o) => o !== null) && free(withExtension as string[], item.input)) outputs = withExtension as string[];
      else for (let n = 2; !free(outputs, item.input); n++) outputs = item.outputs.map((o) => versionedOutput(o, n));
    }
    for (const name of outputs) owner.set(name, item.input);
    return outputs === item.outputs ? item : { ...item, outputs };
  });

  const taken = new Set([...existing, ...owner.keys()]);
  const versions = new Map<string, string[]>();
  for (const item of planned) {
    if (state.latest.get(item.input)?.status !== 'done') continue;
    for (let n = 2; ; n++) {
      const names = item.outputs.map((o) => versionedOutput(o, n));
      if (names.some((name) => taken.has(name))) continue;
      for (const name of names) taken.add(name);
      versions.set(item.input, names);
      break;
    }
  }
  return { items: planned, versions };
}

/** The outputs of an item's `done` line that are still there, when its input changed since: they are kept. */
export function keptOutputs(state: ManifestState, input: string, hash: string, existing: ReadonlySet<string>): string[] {
  const before = state.latest.get(input);
  if (before?.status !== 'done' || before.hash === undefined || before.hash === hash) return [];
  return before.outputs.filter((o) => existing.has(o));
}
