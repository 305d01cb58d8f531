// Resizing latents for hires fix's latent upscalers, as A1111 does with torch.nn.functional.interpolate:
// "Latent" = bilinear (align_corners=False, antialias=False), "Latent (nearest-exact)" = nearest-exact.

export type LatentUpscaleMode = 'bilinear' | 'nearest-exact';

/** Source coordinates of each output index along one axis: [i0, i1, weight of i1]. */
function axisTaps(inSize: number, outSize: number, mode: LatentUpscaleMode): [number, number, number][] {
  const ratio = inSize / outSize;
  return Array.from({ length: outSize }, (_, o): [number, number, number] => {
    if (mode === 'nearest-exact') {
      const i = Math.min(Math.floor((o + 0.5) * ratio), inSize - 1);
      return [i, i, 0];
    }
    const src = Math.max(0, (o + 0.5) * ratio - 0.5);
    const i0 = Math.min(Math.floor(src), inSize - 1);
    const i1 = Math.min(i0 + 1, inSize - 1);
    return [i0, i1, src - i0];
  });
}

/** [C, h, w] (batch 1) → [C, outH, outW], float32 latents. */
export function upscaleLatents(latents: Float32Array, channels: number, h: number, w: number, outH: number, outW: number, mode: LatentUpscaleMode): Float32Array {
  const rows = axisTaps(h, outH, mode);
  const cols = axisTaps(w, outW, mode);
  const out = new Float32Array(channels * outH * outW);
  for (let c = 0; c < channels; c++) {
    const plane = latents.subarray(c * h * w, (c + 1) * h * w);
    for (let y = 0; y < outH; y++) {
      const [y0, y1, wy] = rows[y]!;
      for (let x = 0; x < outW; x++) {
        const [x0, x1, wx] = cols[x]!;
        const top = plane[y0 * w + x0]! * (1 - wx) + plane[y0 * w + x1]! * wx;
        const bottom = plane[y1 * w + x0]! * (1 - wx) + plane[y1 * w + x1]! * wx;
        out[(c * outH + y) * outW + x] = top * (1 - wy) + bottom * wy;
      }
    }
  }
  return out;
}
