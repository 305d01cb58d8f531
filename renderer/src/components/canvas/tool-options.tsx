// The options bar under the toolbar: what the current tool offers (segment: candidates and "use as mask";
// brush/eraser: size and clear; hand: how to pan).
import { isGenerating } from '../../store/app-state.ts';
import { BRUSH_SIZE } from '../../store/canvas/canvas-slice.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { SegmentOptions } from './segment-options.tsx';

function BrushOptions() {
  const brushSize = useAppStore((s) => s.brushSize);
  const setBrushSize = useAppStore((s) => s.setBrushSize);
  const hasMask = useAppStore((s) => s.canvas.mask !== null);
  const clearMask = useAppStore((s) => s.clearMask);
  return (
    <>
      <label className="slider-field">
        Brush size
        <input type="range" min={BRUSH_SIZE.min} max={128} value={brushSize} onChange={(e) => setBrushSize(e.currentTarget.valueAsNumber)} />
        <span className="slider-value">{brushSize} px</span>
      </label>
      <button type="button" className="button" onClick={clearMask} disabled={!hasMask}>
        Clear mask
      </button>
      <span className="tool-hint">[ and ] change the size</span>
    </>
  );
}

export function ToolOptions() {
  const tool = useAppStore((s) => s.canvasTool);
  const hasImage = useAppStore((s) => s.canvas.image !== null);
  const generating = useAppStore((s) => isGenerating(s.status));
  return (
    <div className="tool-options" role="group" aria-label="Tool options">
      {!hasImage ? (
        // While a run is under way its result is coming: the invitation to generate would be stale.
        <span className="tool-hint">{generating ? 'The tools apply once the image is here.' : 'Generate or open an image to start editing.'}</span>
      ) : tool === 'segment' ? (
        <SegmentOptions />
      ) : tool === 'hand' ? (
        <span className="tool-hint">Drag to pan · wheel to zoom · space+drag or middle button pans with any tool</span>
      ) : (
        <BrushOptions />
      )}
    </div>
  );
}
