// The canvas toolbar: open an image or a folder, the tool switch, undo/redo and the zoom controls.
import { CANVAS_TOOLS } from '../../store/canvas/canvas-slice.ts';
import type { CanvasTool } from '../../store/canvas/canvas-state.ts';
import { useAppStore } from '../../store/store-context.tsx';

const TOOL_LABELS: Record<CanvasTool, { label: string; key: string }> = {
  hand: { label: 'Hand', key: 'H' },
  segment: { label: 'Segment', key: 'S' },
  brush: { label: 'Brush', key: 'B' },
  eraser: { label: 'Eraser', key: 'E' },
};

/** Zoom buttons step by √2, so two presses double. */
const ZOOM_STEP = Math.SQRT2;

function OpenButtons() {
  const openFile = useAppStore((s) => s.openCanvasFile);
  const openFolder = useAppStore((s) => s.openCanvasFolder);
  return (
    <div className="toolbar-group">
      <label className="button file-button">
        Open image…
        <input
          type="file"
          accept="image/png,image/jpeg,image/webp"
          className="sr-only"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (file) void openFile(file);
          }}
        />
      </label>
      <label className="button file-button">
        Open folder…
        <input
          type="file"
          className="sr-only"
          // webkitdirectory is not in React's input props; set it as a plain attribute.
          ref={(node) => node?.setAttribute('webkitdirectory', '')}
          onChange={(e) => {
            const files = [...(e.currentTarget.files ?? [])];
            e.currentTarget.value = '';
            if (files.length > 0) void openFolder(files);
          }}
        />
      </label>
    </div>
  );
}

function ToolSwitch() {
  const tool = useAppStore((s) => s.canvasTool);
  const setTool = useAppStore((s) => s.setCanvasTool);
  return (
    <div className="segmented" role="radiogroup" aria-label="Canvas tool">
      {CANVAS_TOOLS.map((t) => (
        <label key={t} className={`segmented-item${tool === t ? ' checked' : ''}`} title={`${TOOL_LABELS[t].label} (${TOOL_LABELS[t].key})`}>
          <input type="radio" name="canvas-tool" className="sr-only" checked={tool === t} onChange={() => setTool(t)} />
          {TOOL_LABELS[t].label}
        </label>
      ))}
    </div>
  );
}

function HistoryButtons() {
  const canUndo = useAppStore((s) => s.canvasHistory.past.length > 0);
  const canRedo = useAppStore((s) => s.canvasHistory.future.length > 0);
  const undo = useAppStore((s) => s.undoCanvas);
  const redo = useAppStore((s) => s.redoCanvas);
  return (
    <div className="toolbar-group">
      <button type="button" className="button" onClick={undo} disabled={!canUndo} title="Undo (Ctrl+Z)">
        Undo
      </button>
      <button type="button" className="button" onClick={redo} disabled={!canRedo} title="Redo (Ctrl+Shift+Z)">
        Redo
      </button>
    </div>
  );
}

function ZoomButtons() {
  const zoom = useAppStore((s) => s.canvasView.zoom);
  const hasImage = useAppStore((s) => s.canvas.image !== null);
  const zoomBy = useAppStore((s) => s.zoomCanvas);
  const fit = useAppStore((s) => s.fitCanvas);
  const actual = useAppStore((s) => s.actualSizeCanvas);
  return (
    <div className="toolbar-group zoom-group">
      <button type="button" className="button icon" onClick={() => zoomBy(1 / ZOOM_STEP)} disabled={!hasImage} aria-label="Zoom out">
        −
      </button>
      {/* Not an <output>: its implicit status role would compete with the run's status line. */}
      <span className="zoom-value">
        <span className="sr-only">Zoom </span>
        {Math.round(zoom * 100)}%
      </span>
      <button type="button" className="button icon" onClick={() => zoomBy(ZOOM_STEP)} disabled={!hasImage} aria-label="Zoom in">
        +
      </button>
      <button type="button" className="button" onClick={fit} disabled={!hasImage} title="Fit to window">
        Fit
      </button>
      <button type="button" className="button" onClick={actual} disabled={!hasImage} aria-label="Actual size (1:1)">
        1:1
      </button>
    </div>
  );
}

export function CanvasToolbar() {
  return (
    <div className="canvas-toolbar" role="toolbar" aria-label="Canvas tools">
      <OpenButtons />
      <ToolSwitch />
      <HistoryButtons />
      <ZoomButtons />
    </div>
  );
}
