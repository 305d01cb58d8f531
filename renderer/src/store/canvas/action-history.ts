// Undo/redo over immutable snapshots: each edit pushes the document as it was; undo swaps it back. Pure, so
// the canvas slice stays thin and the rules (limit, redo cleared by a new edit) are unit-tested on their own.

export interface ActionHistory<T> {
  /** Oldest first; the last entry is what undo restores. */
  readonly past: readonly T[];
  /** Nearest first: what redo restores next. */
  readonly future: readonly T[];
}

/** Snapshots kept for undo; older ones are dropped (a 1024² mask snapshot is 1 MiB). */
export const HISTORY_LIMIT = 50;

export function emptyHistory<T>(): ActionHistory<T> {
  return { past: [], future: [] };
}

/** Records `before` (the document before an edit); a new edit forgets what could be redone. */
export function recordEdit<T>(history: ActionHistory<T>, before: T, limit = HISTORY_LIMIT): ActionHistory<T> {
  const past = [...history.past, before];
  return { past: past.length > limit ? past.slice(past.length - limit) : past, future: [] };
}

/** The document to show after undo, and the new history; null when there is nothing to undo. */
export function undo<T>(history: ActionHistory<T>, current: T): { history: ActionHistory<T>; document: T } | null {
  if (history.past.length === 0) return null;
  const document = history.past[history.past.length - 1]!;
  return { document, history: { past: history.past.slice(0, -1), future: [current, ...history.future] } };
}

export function redo<T>(history: ActionHistory<T>, current: T): { history: ActionHistory<T>; document: T } | null {
  if (history.future.length === 0) return null;
  const [document, ...future] = history.future;
  return { document: document!, history: { past: [...history.past, current], future } };
}
