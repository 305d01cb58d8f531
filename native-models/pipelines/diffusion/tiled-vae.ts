// Tiled VAE decode and encode: the image is processed in overlapping tiles whose overlaps are cross-faded, so a
// 1024² or 2048² image needs the activations of one tile (a VAE's activations grow with its pixel count) rather
// than the whole image's. Each output value is the weighted mean of the tiles covering it, with weights ramping
// linearly to ~0 at a tile's inner edges, so seams fade instead of stepping. The tile grid is laid in latent
// cells; decode reads 1 value and writes 8×8 pixels per cell, encode reads 8×8 pixels and writes 1 value.
export interface VaeTiling {
  /** Tile side in latent cells (×8 pixels). */
  tileLatents: number;
  /** Cells shared by neighbouring tiles; the cross-fade runs over them. */
  overlapLatents: number;
}

/** 64 cells = 512 px tiles (the size SD 1.x VAEs are trained at), 16 cells = 128 px of cross-fade. */
export const DEFAULT_VAE_TILING: VaeTiling = { tileLatents: 64, overlapLatents: 16 };

/**
 * Images larger than this many pixels are decoded and encoded in tiles, in both modes, so that low-memory mode makes
 * the same image as normal mode at every size. Below it low-memory mode needs no tiles either: there the VAE runs
 * alone, after the UNet's session is gone, and an untiled 768² decode (≈ 2 GB of activations on SD 1.5's VAE) stays
 * under the UNet stage's peak (weights + 0.3 GB).
 */
export const VAE_TILING_THRESHOLD_PIXELS = 768 * 768;

/** Whether an image of `width`×`height` pixels goes through the VAE tiled. */
export function shouldTileVae(width: number, height: number): boolean {
  return width * height > VAE_TILING_THRESHOLD_PIXELS;
}

/** Tile starts along one axis: stride tile − overlap, the last tile flush with the end. */
export function tileStarts(length: number, tile: number, overlap: number): number[] {
  if (length <= tile) return [0];
  const starts: number[] = [];
  for (let s = 0; s + tile < length; s += tile - overlap) starts.push(s);
  starts.push(length - tile);
  return starts;
}

/** Cross-fade weight of value `p` of a tile spanning [0, size) along one axis; sides at the image edge stay 1. */
function rampWeight(p: number, size: number, fade: number, fadeIn: boolean, fadeOut: boolean): number {
  let weight = 1;
  if (fadeIn) weight = Math.min(weight, (p + 0.5) / fade);
  if (fadeOut) weight = Math.min(weight, (size - p - 0.5) / fade);
  return weight;
}

/** The [channels, th, tw] window at (y0, x0) of a [channels, h, w] plane stack. */
function crop(data: Float32Array, channels: number, h: number, w: number, y0: number, x0: number, th: number, tw: number): Float32Array {
  const tile = new Float32Array(channels * th * tw);
  for (let c = 0; c < channels; c++) for (let y = 0; y < th; y++) tile.set(data.subarray(c * h * w + (y0 + y) * w + x0, c * h * w + (y0 + y) * w + x0 + tw), (c * th + y) * tw);
  return tile;
}

/** One direction through the VAE: channels and values per latent cell side on each end. */
export interface TileShape {
  inChannels: number;
  /** Input values per latent cell along each axis: 1 for decode (latents), 8 for encode (pixels). */
  inPerCell: number;
  outChannels: number;
  /** Output values per latent cell along each axis: 8 for decode, 1 for encode. */
  outPerCell: number;
}

export const DECODE_TILES: TileShape = { inChannels: 4, inPerCell: 1, outChannels: 3, outPerCell: 8 };
export const ENCODE_TILES: TileShape = { inChannels: 3, inPerCell: 8, outChannels: 4, outPerCell: 1 };

/**
 * Runs `runTile` over overlapping tiles of `input` [inChannels, h·inPerCell, w·inPerCell] (h, w in latent cells)
 * and blends the tiles' outputs [outChannels, th·outPerCell, tw·outPerCell] into [outChannels, h·outPerCell, w·outPerCell].
 */
export async function runInTiles(
  input: Float32Array,
  h: number,
  w: number,
  shape: TileShape,
  tiling: VaeTiling,
  runTile: (crop: Float32Array, th: number, tw: number) => Promise<Float32Array>,
): Promise<Float32Array> {
  const { inChannels, inPerCell, outChannels, outPerCell } = shape;
  const H = h * outPerCell;
  const W = w * outPerCell;
  const sum = new Float32Array(outChannels * H * W);
  const weightSum = new Float32Array(H * W);
  const fade = tiling.overlapLatents * outPerCell;
  const th = Math.min(tiling.tileLatents, h);
  const tw = Math.min(tiling.tileLatents, w);
  for (const y0 of tileStarts(h, tiling.tileLatents, tiling.overlapLatents)) {
    for (const x0 of tileStarts(w, tiling.tileLatents, tiling.overlapLatents)) {
      const window = crop(input, inChannels, h * inPerCell, w * inPerCell, y0 * inPerCell, x0 * inPerCell, th * inPerCell, tw * inPerCell);
      const out = await runTile(window, th, tw);
      const TH = th * outPerCell;
      const TW = tw * outPerCell;
      for (let y = 0; y < TH; y++) {
        const wy = rampWeight(y, TH, fade, y0 > 0, y0 + th < h);
        for (let x = 0; x < TW; x++) {
          const weight = wy * rampWeight(x, TW, fade, x0 > 0, x0 + tw < w);
          const at = (y0 * outPerCell + y) * W + x0 * outPerCell + x;
          weightSum[at]! += weight;
          for (let c = 0; c < outChannels; c++) sum[c * H * W + at]! += weight * out[(c * TH + y) * TW + x]!;
        }
      }
    }
  }
  for (let i = 0; i < H * W; i++) for (let c = 0; c < outChannels; c++) sum[c * H * W + i]! /= weightSum[i]!;
  return sum;
}
