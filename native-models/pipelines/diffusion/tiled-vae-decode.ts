// Tiled VAE decode: the latent is decoded in overlapping tiles whose overlaps are cross-faded, so a 1024² or 2048²
// image needs the activations of one tile (a VAE decoder's activations grow with its pixel count) rather than the
// whole image's. Each output pixel is the weighted mean of the tiles covering it, with
// weights ramping linearly to ~0 at a tile's inner edges, so seams fade instead of stepping.
export interface VaeTiling {
  /** Tile side in latent cells (×8 pixels). */
  tileLatents: number;
  /** Cells shared by neighbouring tiles; the cross-fade runs over them. */
  overlapLatents: number;
}

/** 64 cells = 512 px tiles (the size SD 1.x VAEs are trained at), 16 cells = 128 px of cross-fade. */
export const DEFAULT_VAE_TILING: VaeTiling = { tileLatents: 64, overlapLatents: 16 };

/** Images larger than this many pixels are decoded in tiles in every mode (low-memory mode tiles from one tile up). */
export const VAE_TILING_THRESHOLD_PIXELS = 768 * 768;

/** Whether an image of `width`×`height` pixels is decoded tiled. */
export function shouldTileVae(width: number, height: number, lowMemory: boolean): boolean {
  const tileSide = DEFAULT_VAE_TILING.tileLatents * 8;
  return width * height > VAE_TILING_THRESHOLD_PIXELS || (lowMemory && (width > tileSide || height > tileSide));
}

/** Tile starts along one axis: stride tile − overlap, the last tile flush with the end. */
export function tileStarts(length: number, tile: number, overlap: number): number[] {
  if (length <= tile) return [0];
  const starts: number[] = [];
  for (let s = 0; s + tile < length; s += tile - overlap) starts.push(s);
  starts.push(length - tile);
  return starts;
}

/** Cross-fade weight of pixel `p` of a tile spanning pixels [0, size) along one axis; sides at the image edge stay 1. */
function rampWeight(p: number, size: number, fade: number, fadeIn: boolean, fadeOut: boolean): number {
  let weight = 1;
  if (fadeIn) weight = Math.min(weight, (p + 0.5) / fade);
  if (fadeOut) weight = Math.min(weight, (size - p - 0.5) / fade);
  return weight;
}

function cropLatent(latent: Float32Array, channels: number, h: number, w: number, y0: number, x0: number, th: number, tw: number): Float32Array {
  const tile = new Float32Array(channels * th * tw);
  for (let c = 0; c < channels; c++) for (let y = 0; y < th; y++) tile.set(latent.subarray(c * h * w + (y0 + y) * w + x0, c * h * w + (y0 + y) * w + x0 + tw), (c * th + y) * tw);
  return tile;
}

/**
 * Decodes one unscaled latent [channels, h, w] into [3, 8h, 8w] pixels tile by tile. `decodeTile` runs the VAE on
 * one [channels, th, tw] crop and returns its [3, 8th, 8tw] pixels.
 */
export async function decodeInTiles(
  latent: Float32Array,
  channels: number,
  h: number,
  w: number,
  tiling: VaeTiling,
  decodeTile: (crop: Float32Array, th: number, tw: number) => Promise<Float32Array>,
): Promise<Float32Array> {
  const H = h * 8;
  const W = w * 8;
  const sum = new Float32Array(3 * H * W);
  const weightSum = new Float32Array(H * W);
  const fade = tiling.overlapLatents * 8;
  const ys = tileStarts(h, tiling.tileLatents, tiling.overlapLatents);
  const xs = tileStarts(w, tiling.tileLatents, tiling.overlapLatents);
  for (const y0 of ys) {
    for (const x0 of xs) {
      const th = Math.min(tiling.tileLatents, h);
      const tw = Math.min(tiling.tileLatents, w);
      const pixels = await decodeTile(cropLatent(latent, channels, h, w, y0, x0, th, tw), th, tw);
      const TH = th * 8;
      const TW = tw * 8;
      for (let y = 0; y < TH; y++) {
        const wy = rampWeight(y, TH, fade, y0 > 0, y0 + th < h);
        for (let x = 0; x < TW; x++) {
          const weight = wy * rampWeight(x, TW, fade, x0 > 0, x0 + tw < w);
          const at = (y0 * 8 + y) * W + x0 * 8 + x;
          weightSum[at]! += weight;
          for (let c = 0; c < 3; c++) sum[c * H * W + at]! += weight * pixels[(c * TH + y) * TW + x]!;
        }
      }
    }
  }
  for (let i = 0; i < H * W; i++) for (let c = 0; c < 3; c++) sum[c * H * W + i]! /= weightSum[i]!;
  return sum;
}
