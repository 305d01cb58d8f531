// Inpainting masks: latent mask sampling, composite alpha (0 outside the mask) and byte-exact compositing.
import { describe, expect, it } from 'vitest';
import { compositeAlpha, compositeOnto, latentMask, maskedImageModelSpace } from '../../../../native-models/pipelines/diffusion/inpaint-mask.ts';

function squareMask(size: number, x0: number, y0: number, x1: number, y1: number) {
  const data = new Uint8Array(size * size);
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) data[y * size + x] = 255;
  return { width: size, height: size, data };
}

describe('latentMask', () => {
  it('samples each 8×8 block at its centre pixel (4, 4) and thresholds at 128', () => {
    // Mask covering pixels x ∈ [8, 13) of a 16×16 image: block 1's centre (x = 12) is inside.
    const mask = squareMask(16, 8, 0, 13, 16);
    expect(Array.from(latentMask(mask))).toEqual([0, 1, 0, 1]);
    // Covering x ∈ [8, 12): centre x = 12 is outside → block 1 not masked.
    expect(Array.from(latentMask(squareMask(16, 8, 0, 12, 16)))).toEqual([0, 0, 0, 0]);
  });
});

describe('maskedImageModelSpace', () => {
  it('sets the repaint area to 0 (mid-gray in [-1, 1]) in all three planes and keeps the rest', () => {
    const mask = { width: 2, height: 1, data: Uint8Array.of(255, 0) };
    const pixels = Float32Array.of(0.5, -0.5, 0.25, -0.25, 1, -1);
    expect(Array.from(maskedImageModelSpace(pixels, mask))).toEqual([0, -0.5, 0, -0.25, 0, -1]);
  });
});

describe('compositeAlpha', () => {
  it('is exactly 0 outside the mask and 1 deep inside', () => {
    const mask = squareMask(32, 8, 8, 24, 24);
    const alpha = compositeAlpha(mask, 4);
    for (let i = 0; i < alpha.length; i++) if (mask.data[i] === 0) expect(alpha[i]).toBe(0);
    expect(alpha[16 * 32 + 16]).toBe(1);
  });

  it('ramps over the feather width from the mask edge inward', () => {
    const alpha = compositeAlpha(squareMask(32, 8, 8, 24, 24), 4);
    // Distances (chamfer 3-4, /3) from the left edge along row 16: x = 8 → 1, 9 → 2, 10 → 3, 11 → 4 px.
    expect([8, 9, 10, 11].map((x) => alpha[16 * 32 + x])).toEqual([0.25, 0.5, 0.75, 1]);
  });

  it('is a hard 0/1 mask when feather is 0', () => {
    const mask = squareMask(8, 2, 2, 6, 6);
    expect(Array.from(compositeAlpha(mask, 0))).toEqual(Array.from(mask.data, (v) => (v ? 1 : 0)));
  });
});

describe('compositeOnto', () => {
  it('copies original bytes where alpha is 0 and blends elsewhere', () => {
    const original = { width: 2, height: 1, channels: 3 as const, data: Uint8Array.of(10, 20, 30, 40, 50, 60) };
    const generated = { width: 2, height: 1, channels: 3 as const, data: Uint8Array.of(200, 200, 200, 100, 100, 100) };
    const out = compositeOnto(original, generated, Float32Array.of(0, 0.5));
    expect(Array.from(out.data)).toEqual([10, 20, 30, 70, 75, 80]);
  });
});
