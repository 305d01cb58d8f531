// The pure parts of hires fix and outpainting: latent interpolation equal to torch's F.interpolate, the hires schedule
// that runs exactly "Hires steps", and the outpaint mask (new area + band on extended sides only) and edge fill.
import { describe, expect, it } from 'vitest';
import { upscaleLatents } from '../../../../native-models/pipelines/diffusion/latent-upscale.ts';
import { hiresScheduleSteps } from '../../../../native-models/pipelines/diffusion/hires-fix.ts';
import { outpaintCanvas, outpaintMask } from '../../../../native-models/pipelines/diffusion/outpaint.ts';
import { outpaintLayout } from '../../../../native-models/core/geometry/outpaint-layout.ts';

describe('upscaleLatents', () => {
  it('bilinear equals torch interpolate(mode="bilinear", align_corners=False) on a 2×2 → 4×4', () => {
    const out = upscaleLatents(Float32Array.from([1, 2, 3, 4]), 1, 2, 2, 4, 4, 'bilinear');
    expect(Array.from(out)).toEqual([1, 1.25, 1.75, 2, 1.5, 1.75, 2.25, 2.5, 2.5, 2.75, 3.25, 3.5, 3, 3.25, 3.75, 4]);
  });
  it('nearest-exact samples at pixel centres (3 → 4 picks 0, 1, 1, 2; plain nearest would pick 0, 0, 1, 2)', () => {
    const out = upscaleLatents(Float32Array.from([10, 20, 30]), 1, 1, 3, 1, 4, 'nearest-exact');
    expect(Array.from(out)).toEqual([10, 20, 20, 30]);
  });
  it('keeps channels apart', () => {
    const out = upscaleLatents(Float32Array.from([1, 1, 1, 1, 5, 5, 5, 5]), 2, 2, 2, 3, 3, 'bilinear');
    expect(Array.from(out.subarray(0, 9)).every((v) => v === 1)).toBe(true);
    expect(Array.from(out.subarray(9)).every((v) => v === 5)).toBe(true);
  });
});

describe('hiresScheduleSteps', () => {
  it.each([
    [10, 0.7],
    [4, 0.7],
    [20, 0.55],
    [7, 0.7],
    [25, 1],
    [3, 0.33],
  ])('%i steps at strength %f: ⌊schedule × strength⌋ is exactly the steps', (steps, strength) => {
    const schedule = hiresScheduleSteps(steps, strength);
    expect(Math.floor(schedule * strength)).toBe(steps);
    expect(Math.floor((schedule - 1) * strength)).toBeLessThan(steps);
  });
  it('refuses a schedule longer than the step limit', () => {
    expect(() => hiresScheduleSteps(500, 0.01)).toThrow(/expected at most 1000/);
  });
});

describe('outpaint mask and canvas', () => {
  const layout = outpaintLayout(16, 16, { left: 8, right: 0, top: 0, bottom: 0 });
  it('repaints the new area and a band only along the extended edge', () => {
    const mask = outpaintMask(layout, 16, 16, 3);
    const row = Array.from(mask.data.subarray(5 * 24, 6 * 24)).map((v) => (v ? 1 : 0));
    // 8 new + 3 band on the left, the right edge (not extended) keeps its pixels
    expect(row).toEqual([...Array(11).fill(1), ...Array(13).fill(0)]);
  });
  it('fills the new area by stretching the edge pixel and copies the original exactly', () => {
    const image = { width: 16, height: 16, channels: 3 as const, data: new Uint8Array(16 * 16 * 3).map((_, i) => i % 251) };
    const canvas = outpaintCanvas(image, layout);
    const at = (img: { width: number; data: Uint8Array }, x: number, y: number) => Array.from(img.data.subarray((y * img.width + x) * 3, (y * img.width + x) * 3 + 3));
    expect(at(canvas, 0, 7)).toEqual(at(image, 0, 7));
    expect(at(canvas, 8 + 5, 9)).toEqual(at(image, 5, 9));
  });
});
