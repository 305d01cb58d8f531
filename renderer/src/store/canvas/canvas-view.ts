// The canvas viewport's zoom and pan as pure math: screen = image × zoom + offset (CSS pixels of the stage).

export interface CanvasView {
  zoom: number;
  /** Where the image's top-left corner sits in the stage. */
  x: number;
  y: number;
}

export interface Size {
  width: number;
  height: number;
}

export const MIN_ZOOM = 1 / 32;
export const MAX_ZOOM = 32;
/** Fit never enlarges beyond this: a 128 px demo image stays recognisable as pixels without filling a wall. */
const FIT_MAX_ZOOM = 4;
/** Room left round a fitted image, per side (CSS px). */
const FIT_MARGIN = 16;

export function clampZoom(zoom: number): number {
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom));
}

/** The image centred with its whole extent visible. */
export function fitView(image: Size, stage: Size): CanvasView {
  const room = { width: Math.max(1, stage.width - 2 * FIT_MARGIN), height: Math.max(1, stage.height - 2 * FIT_MARGIN) };
  const zoom = clampZoom(Math.min(FIT_MAX_ZOOM, room.width / image.width, room.height / image.height));
  return centred(image, stage, zoom);
}

/** One image pixel per CSS pixel, centred. */
export function actualSizeView(image: Size, stage: Size): CanvasView {
  return centred(image, stage, 1);
}

function centred(image: Size, stage: Size, zoom: number): CanvasView {
  return { zoom, x: (stage.width - image.width * zoom) / 2, y: (stage.height - image.height * zoom) / 2 };
}

/**
 * The view after the stage changed size: a fitted view is fitted again (the image stays whole), any other keeps
 * its zoom and the image point at the stage's centre stays at the centre (the user's zoom and pan survive).
 */
export function resizeView(view: CanvasView, image: Size, from: Size, to: Size): CanvasView {
  const fitted = fitView(image, from);
  const close = (a: number, b: number) => Math.abs(a - b) < 0.5;
  if (close(view.zoom * image.width, fitted.zoom * image.width) && close(view.x, fitted.x) && close(view.y, fitted.y)) return fitView(image, to);
  return { zoom: view.zoom, x: view.x + (to.width - from.width) / 2, y: view.y + (to.height - from.height) / 2 };
}

/** Zooms by `factor` keeping the image point under (sx, sy) where it is (wheel zoom at the pointer). */
export function zoomAt(view: CanvasView, factor: number, sx: number, sy: number): CanvasView {
  const zoom = clampZoom(view.zoom * factor);
  const k = zoom / view.zoom;
  return { zoom, x: sx - (sx - view.x) * k, y: sy - (sy - view.y) * k };
}

export function panBy(view: CanvasView, dx: number, dy: number): CanvasView {
  return { ...view, x: view.x + dx, y: view.y + dy };
}

/** Stage point → image pixel coordinates (not clamped). */
export function toImagePoint(view: CanvasView, sx: number, sy: number): { x: number; y: number } {
  return { x: (sx - view.x) / view.zoom, y: (sy - view.y) / view.zoom };
}

export function insideImage(point: { x: number; y: number }, image: Size): boolean {
  return point.x >= 0 && point.y >= 0 && point.x < image.width && point.y < image.height;
}
