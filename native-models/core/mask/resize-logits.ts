// Bilinear resize of mask logits, as torch's F.interpolate(mode='bilinear', align_corners=False) does it: SAM 2
// returns 256×256 low-res logits covering the whole (stretched) image, upsampled to the original size here.

/**
 * `logits`: [count, inH, inW] row-major float32 → [count, outH, outW]. Sample centres map as
 * src = (dst + 0.5)·in/out − 0.5, clamped at the edges (PyTorch's half-pixel rule).
 */
export function resizeLogitsBilinear(logits: Float32Array, count: number, inW: number, inH: number, outW: number, outH: number): Float32Array {
  const out = new Float32Array(count * outW * outH);
  // Per-column source indices and weights are shared by every row and mask: computed once.
  const x0s = new Int32Array(outW);
  const x1s = new Int32Array(outW);
  const wxs = new Float32Array(outW);
  for (let x = 0; x < outW; x++) {
    const src = Math.max(0, ((x + 0.5) * inW) / outW - 0.5);
    const x0 = Math.min(Math.floor(src), inW - 1);
    x0s[x] = x0;
    x1s[x] = Math.min(x0 + 1, inW - 1);
    wxs[x] = src - x0;
  }
  for (let m = 0; m < count; m++) {
    const plane = m * inW * inH;
    const target = m * outW * outH;
    for (let y = 0; y < outH; y++) {
      const srcY = Math.max(0, ((y + 0.5) * inH) / outH - 0.5);
      const y0 = Math.min(Math.floor(srcY), inH - 1);
      const y1 = Math.min(y0 + 1, inH - 1);
      const wy = srcY - y0;
      const row0 = plane + y0 * inW;
      const row1 = plane + y1 * inW;
      const row = target + y * outW;
      for (let x = 0; x < outW; x++) {
        const wx = wxs[x]!;
        const top = logits[row0 + x0s[x]!]! * (1 - wx) + logits[row0 + x1s[x]!]! * wx;
        const bottom = logits[row1 + x0s[x]!]! * (1 - wx) + logits[row1 + x1s[x]!]! * wx;
        out[row + x] = top * (1 - wy) + bottom * wy;
      }
    }
  }
  return out;
}
