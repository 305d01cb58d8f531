// One undoable document edit: the document as it was goes on the history, the change makes the new one. Shared by
// the canvas slices so every edit (clicks, strokes, objects) lands on the same undo stack the same way.
import type { CanvasDocument } from './canvas-state.ts';
import { recordEdit, type ActionHistory } from './action-history.ts';

type Documented = { canvas: CanvasDocument; canvasHistory: ActionHistory<CanvasDocument> };

export function documentEdit(state: Documented, change: Partial<CanvasDocument>): Documented {
  return { canvasHistory: recordEdit(state.canvasHistory, state.canvas), canvas: { ...state.canvas, ...change } };
}
