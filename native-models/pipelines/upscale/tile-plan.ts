// Where each tile of a tiled upscale reads and writes: a grid of cores that cover the image once, each read with
// `overlap` extra input pixels of real context on every side (clamped to the image) and cropped back to its core,
// so that a model whose receptive field is within the overlap gives exactly the untiled result (Real-ESRGAN's
// tile_process does the same with tile_pad).

export interface TileWindow {
  /** The core: the input pixels whose upscaled result this tile contributes. */
  coreX: number;
  coreY: number;
  coreWidth: number;
  coreHeight: number;
  /** The window fed to the model: the core plus context, inside the image. */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface TilePlanOptions {
  /** Core side in input pixels. */
  tile: number;
  /** Context pixels read on each side of a core. */
  overlap: number;
  /** Export with a fixed input size [height, width]: every window has exactly this size (shifted inward at borders). */
  fixedSize?: readonly [number, number];
}

function axisWindow(coreStart: number, coreSize: number, overlap: number, length: number, fixed: number | undefined): [number, number] {
  if (fixed === undefined) {
    const start = Math.max(0, coreStart - overlap);
    return [start, Math.min(length, coreStart + coreSize + overlap) - start];
  }
  const start = Math.min(Math.max(0, coreStart - overlap), length - fixed);
  return [start, fixed];
}

/** The tiles of a width×height image, row by row. */
export function planTiles(width: number, height: number, options: TilePlanOptions): TileWindow[] {
  const { tile, overlap, fixedSize } = options;
  const tiles: TileWindow[] = [];
  for (let coreY = 0; coreY < height; coreY += tile) {
    const coreHeight = Math.min(tile, height - coreY);
    const [y, h] = axisWindow(coreY, coreHeight, overlap, height, fixedSize?.[0]);
    for (let coreX = 0; coreX < width; coreX += tile) {
      const coreWidth = Math.min(tile, width - coreX);
      const [x, w] = axisWindow(coreX, coreWidth, overlap, width, fixedSize?.[1]);
      tiles.push({ coreX, coreY, coreWidth, coreHeight, x, y, width: w, height: h });
    }
  }
  return tiles;
}
