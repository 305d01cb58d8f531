// The canvas's undo/redo rules: undo restores the document before the edit, redo re-applies it, a new edit
// clears redo, and the history keeps only the newest HISTORY_LIMIT snapshots.
import { describe, expect, it } from 'vitest';
import { emptyHistory, recordEdit, redo, undo } from '../../../../renderer/src/store/canvas/action-history.ts';

describe('action history', () => {
  it('undoes and redoes a chain of edits in order', () => {
    // Documents are plain numbers here: 0 → 1 → 2.
    let history = recordEdit(emptyHistory<number>(), 0);
    history = recordEdit(history, 1);
    let current = 2;
    const u1 = undo(history, current)!;
    expect(u1.document).toBe(1);
    const u2 = undo(u1.history, u1.document)!;
    expect(u2.document).toBe(0);
    expect(undo(u2.history, u2.document)).toBeNull();
    const r1 = redo(u2.history, u2.document)!;
    expect(r1.document).toBe(1);
    const r2 = redo(r1.history, r1.document)!;
    expect(r2.document).toBe(2);
    expect(redo(r2.history, r2.document)).toBeNull();
    current = r2.document;
    expect(current).toBe(2);
  });

  it('forgets the redo branch when a new edit is made after an undo', () => {
    const history = recordEdit(recordEdit(emptyHistory<string>(), 'a'), 'b');
    const back = undo(history, 'c')!;
    const branched = recordEdit(back.history, back.document);
    expect(branched.future).toEqual([]);
    expect(redo(branched, 'd')).toBeNull();
    expect(branched.past).toEqual(['a', 'b']);
  });

  it('keeps only the newest snapshots past the limit', () => {
    let history = emptyHistory<number>();
    for (let i = 0; i < 5; i++) history = recordEdit(history, i, 3);
    expect(history.past).toEqual([2, 3, 4]);
  });
});
