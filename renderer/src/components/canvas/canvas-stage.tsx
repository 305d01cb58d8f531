// The stage: the image and its mask overlay under one zoom/pan transform (the static layer), and screen-space
// markers, the box being dragged and the brush cursor above it (the interactive layer). Wheel zooms at the pointer.
import { useEffect, useRef, type RefObject } from 'react';
import { useAppStore } from '../../store/store-context.tsx';
import { dataUrl } from '../../store/canvas/encoded-bytes.ts';
import { MaskOverlay } from './mask-overlay.tsx';
import { RegionOutlines } from './region-outlines.tsx';
import { useStagePointer, type StagePointer } from './use-stage-pointer.ts';

/** Wheel notches → zoom: ~12% per 100 px of scroll, so trackpads and mice both feel even. */
const WHEEL_ZOOM_RATE = 0.0012;

function useStageSize(ref: RefObject<HTMLDivElement | null>) {
  const setStage = useAppStore((s) => s.setCanvasStage);
  useEffect(() => {
    const node = ref.current;
    if (!node) return;
    const observer = new ResizeObserver(() => setStage({ width: node.clientWidth, height: node.clientHeight }));
    observer.observe(node);
    return () => observer.disconnect();
  }, [ref, setStage]);
}

function useWheelZoom(ref: RefObject<HTMLDivElement | null>) {
  const zoom = useAppStore((s) => s.zoomCanvas);
  useEffect(() => {
    const node = ref.current;
    if (!node) return;
    // A non-passive listener: React's onWheel is passive and cannot stop the page from scrolling.
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const rect = node.getBoundingClientRect();
      zoom(Math.exp(-e.deltaY * WHEEL_ZOOM_RATE), { x: e.clientX - rect.left, y: e.clientY - rect.top });
    };
    node.addEventListener('wheel', onWheel, { passive: false });
    return () => node.removeEventListener('wheel', onWheel);
  }, [ref, zoom]);
}

function InteractiveLayer({ pointer }: { pointer: StagePointer }) {
  const view = useAppStore((s) => s.canvasView);
  const points = useAppStore((s) => s.canvas.points);
  const box = useAppStore((s) => s.canvas.box);
  const tool = useAppStore((s) => s.canvasTool);
  const brushSize = useAppStore((s) => s.brushSize);
  const sx = (x: number) => view.x + x * view.zoom;
  const sy = (y: number) => view.y + y * view.zoom;
  const drag = pointer.dragBox;
  const brushing = (tool === 'brush' || tool === 'eraser') && pointer.cursor;
  return (
    <svg className="canvas-interactive" aria-hidden="true">
      <RegionOutlines view={view} />
      {box && <rect className="segment-box" x={sx(box.x0)} y={sy(box.y0)} width={(box.x1 - box.x0) * view.zoom} height={(box.y1 - box.y0) * view.zoom} />}
      {drag && <rect className="segment-box dragging" x={Math.min(drag.x0, drag.x1)} y={Math.min(drag.y0, drag.y1)} width={Math.abs(drag.x1 - drag.x0)} height={Math.abs(drag.y1 - drag.y0)} />}
      {points.map((p, i) => (
        <g key={i} className={p.label === 1 ? 'segment-point positive' : 'segment-point negative'} transform={`translate(${sx(p.x)} ${sy(p.y)})`}>
          <circle r={7} />
          <path d={p.label === 1 ? 'M-3.5 0H3.5M0 -3.5V3.5' : 'M-3.5 0H3.5'} />
        </g>
      ))}
      {brushing && <circle className={`brush-cursor ${tool}`} cx={pointer.cursor!.x} cy={pointer.cursor!.y} r={Math.max(2, (brushSize / 2) * view.zoom)} />}
    </svg>
  );
}

function LivePreview() {
  const preview = useAppStore((s) => s.preview);
  const step = useAppStore((s) => s.progress?.step ?? 0);
  if (!preview) return <p className="canvas-note">Starting…</p>;
  return <img className="canvas-preview" src={dataUrl(preview)} alt={`Live preview, step ${step}`} />;
}

export function CanvasStage({ spaceHeld }: { spaceHeld: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  const canvas = useAppStore((s) => s.canvas);
  const view = useAppStore((s) => s.canvasView);
  const tool = useAppStore((s) => s.canvasTool);
  const actions = {
    hoverSegment: useAppStore((s) => s.hoverSegment),
    beginStroke: useAppStore((s) => s.beginStroke),
    continueStroke: useAppStore((s) => s.continueStroke),
    panCanvas: useAppStore((s) => s.panCanvas),
    addSegmentPoint: useAppStore((s) => s.addSegmentPoint),
    setSegmentBox: useAppStore((s) => s.setSegmentBox),
    hoverRegionAt: useAppStore((s) => s.hoverRegionAt),
    pickRegionAt: useAppStore((s) => s.pickRegionAt),
  };
  const image = canvas.image;
  const running = useAppStore((s) => s.status === 'starting' || s.status === 'running');
  const idle = useAppStore((s) => s.status === 'idle');
  const pointer = useStagePointer({ canvas, canvasTool: tool, canvasView: view, ...actions }, ref, spaceHeld);
  useStageSize(ref);
  useWheelZoom(ref);
  const mode = pointer.panning ? 'panning' : spaceHeld || tool === 'hand' ? 'hand' : tool;
  return (
    <div ref={ref} className={`canvas-stage tool-${mode}`} {...pointer.handlers} data-testid="canvas-stage">
      {image && (
        <div className={`canvas-layer${view.zoom >= 2 ? ' pixelated' : ''}`} style={{ width: image.width, height: image.height, transform: `translate(${view.x}px, ${view.y}px) scale(${view.zoom})` }}>
          <img className="canvas-image" src={dataUrl(image.image)} alt={image.label} draggable={false} />
          <MaskOverlay width={image.width} height={image.height} />
        </div>
      )}
      {image && <InteractiveLayer pointer={pointer} />}
      {running && (
        <div className="canvas-preview-layer">
          <LivePreview />
        </div>
      )}
      {!image && !running && idle && <p className="canvas-note">Type a prompt and press Generate, or open an image (drop it here).</p>}
    </div>
  );
}
