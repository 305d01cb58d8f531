// Pointer gestures on the canvas stage: pan (Hand tool, space+drag, middle button), segment clicks (left =
// positive, right or Alt = negative), box drags, brush strokes, and the resting-pointer hover preview. While
// segment everything's regions are on show, the Segment tool hovers and picks regions instead (shift adds).
import { useEffect, useRef, useState, type PointerEvent as ReactPointerEvent, type RefObject } from 'react';
import type { AppState } from '../../store/app-state.ts';
import { insideImage, toImagePoint } from '../../store/canvas/canvas-view.ts';
import { BOX_DRAG_MIN_PX, boxFromCorners } from '../../store/canvas/segment-prompts.ts';

/** How long the pointer must rest before a hover preview is asked for (ms). */
export const HOVER_DELAY_MS = 120;

type Gesture =
  | { kind: 'pan'; lastX: number; lastY: number }
  | { kind: 'press'; startX: number; startY: number; negative: boolean }
  | { kind: 'pick'; startX: number; startY: number; additive: boolean }
  | { kind: 'box'; startX: number; startY: number }
  | { kind: 'stroke'; last: { x: number; y: number } };

export interface StagePointer {
  /** Stage coordinates of the pointer while over the stage (for the brush cursor), else null. */
  cursor: { x: number; y: number } | null;
  /** The box being dragged, in stage coordinates. */
  dragBox: { x0: number; y0: number; x1: number; y1: number } | null;
  panning: boolean;
  handlers: {
    onPointerDown(e: ReactPointerEvent): void;
    onPointerMove(e: ReactPointerEvent): void;
    onPointerUp(e: ReactPointerEvent): void;
    onPointerLeave(): void;
    onContextMenu(e: { preventDefault(): void }): void;
  };
}

function stagePoint(e: ReactPointerEvent, stage: HTMLElement): { x: number; y: number } {
  const rect = stage.getBoundingClientRect();
  return { x: e.clientX - rect.left, y: e.clientY - rect.top };
}

/** The store fields and actions the gestures use (read through a ref, so handlers always see the latest). */
export type StageInputs = Pick<AppState, 'canvas' | 'canvasTool' | 'canvasView' | 'hoverSegment' | 'beginStroke' | 'continueStroke' | 'panCanvas' | 'addSegmentPoint' | 'setSegmentBox' | 'hoverRegionAt' | 'pickRegionAt'>;

export function useStagePointer(inputs: StageInputs, stageRef: RefObject<HTMLDivElement | null>, spaceHeld: boolean): StagePointer {
  const latest = useRef(inputs);
  latest.current = inputs;
  const store = { getState: () => latest.current };
  const gesture = useRef<Gesture | null>(null);
  const hoverTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [cursor, setCursor] = useState<{ x: number; y: number } | null>(null);
  const [dragBox, setDragBox] = useState<StagePointer['dragBox']>(null);
  const [panning, setPanning] = useState(false);

  useEffect(() => () => clearTimeout(hoverTimer.current), []);

  const scheduleHover = (at: { x: number; y: number } | null) => {
    clearTimeout(hoverTimer.current);
    const s = store.getState();
    if (!at || s.canvasTool !== 'segment' || !s.canvas.image) return;
    const point = toImagePoint(s.canvasView, at.x, at.y);
    if (s.canvas.regions.length > 0) {
      // Regions are hit-tested by their outlines here: no host call, so no delay either.
      s.hoverRegionAt(insideImage(point, s.canvas.image) ? point : null);
      return;
    }
    if (!insideImage(point, s.canvas.image)) {
      s.hoverSegment(null);
      return;
    }
    hoverTimer.current = setTimeout(() => latest.current.hoverSegment(point), HOVER_DELAY_MS);
  };

  const onPointerDown = (e: ReactPointerEvent) => {
    const stage = stageRef.current;
    const s = store.getState();
    if (!stage || !s.canvas.image) return;
    const at = stagePoint(e, stage);
    stage.setPointerCapture(e.pointerId);
    clearTimeout(hoverTimer.current);
    if (e.button === 1 || s.canvasTool === 'hand' || spaceHeld) {
      e.preventDefault();
      gesture.current = { kind: 'pan', lastX: at.x, lastY: at.y };
      setPanning(true);
      return;
    }
    if (s.canvasTool === 'segment' && s.canvas.regions.length > 0) {
      if (e.button === 0) gesture.current = { kind: 'pick', startX: at.x, startY: at.y, additive: e.shiftKey };
      return;
    }
    if (s.canvasTool === 'segment' && (e.button === 0 || e.button === 2)) {
      gesture.current = { kind: 'press', startX: at.x, startY: at.y, negative: e.button === 2 || e.altKey };
      return;
    }
    if ((s.canvasTool === 'brush' || s.canvasTool === 'eraser') && e.button === 0) {
      const point = toImagePoint(s.canvasView, at.x, at.y);
      s.beginStroke(point);
      gesture.current = { kind: 'stroke', last: point };
    }
  };

  const onPointerMove = (e: ReactPointerEvent) => {
    const stage = stageRef.current;
    if (!stage) return;
    const at = stagePoint(e, stage);
    setCursor(at);
    const g = gesture.current;
    const s = store.getState();
    if (!g) {
      scheduleHover(at);
      return;
    }
    if (g.kind === 'pan') {
      s.panCanvas(at.x - g.lastX, at.y - g.lastY);
      gesture.current = { ...g, lastX: at.x, lastY: at.y };
    } else if (g.kind === 'press' && !g.negative && Math.hypot(at.x - g.startX, at.y - g.startY) >= BOX_DRAG_MIN_PX) {
      gesture.current = { kind: 'box', startX: g.startX, startY: g.startY };
      setDragBox({ x0: g.startX, y0: g.startY, x1: at.x, y1: at.y });
    } else if (g.kind === 'box') {
      setDragBox({ x0: g.startX, y0: g.startY, x1: at.x, y1: at.y });
    } else if (g.kind === 'stroke') {
      const point = toImagePoint(s.canvasView, at.x, at.y);
      s.continueStroke(g.last, point);
      gesture.current = { kind: 'stroke', last: point };
    }
  };

  const onPointerUp = (e: ReactPointerEvent) => {
    const stage = stageRef.current;
    const g = gesture.current;
    gesture.current = null;
    setPanning(false);
    setDragBox(null);
    if (!stage || !g) return;
    if (stage.hasPointerCapture(e.pointerId)) stage.releasePointerCapture(e.pointerId);
    const s = store.getState();
    const image = s.canvas.image;
    if (!image) return;
    const at = stagePoint(e, stage);
    if (g.kind === 'pick') {
      const point = toImagePoint(s.canvasView, g.startX, g.startY);
      if (insideImage(point, image)) void s.pickRegionAt(point, g.additive);
    } else if (g.kind === 'press') {
      const point = toImagePoint(s.canvasView, g.startX, g.startY);
      if (insideImage(point, image)) void s.addSegmentPoint({ x: point.x, y: point.y, label: g.negative ? 0 : 1 });
    } else if (g.kind === 'box') {
      const box = boxFromCorners(toImagePoint(s.canvasView, g.startX, g.startY), toImagePoint(s.canvasView, at.x, at.y), image);
      if (box) void s.setSegmentBox(box);
    }
  };

  return {
    cursor,
    dragBox,
    panning,
    handlers: {
      onPointerDown,
      onPointerMove,
      onPointerUp,
      onPointerLeave() {
        setCursor(null);
        clearTimeout(hoverTimer.current);
        if (!gesture.current) {
          store.getState().hoverSegment(null);
          store.getState().hoverRegionAt(null);
        }
      },
      // Right click is a negative point, never the browser menu.
      onContextMenu: (e) => e.preventDefault(),
    },
  };
}
