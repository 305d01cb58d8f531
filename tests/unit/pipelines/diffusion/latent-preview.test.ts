// The linear latent previews use each family's own fit (ComfyUI's latent_formats.py SD15 and SDXL): a latent with
// channel 0 = 1 previews as ((0.3512 + 0) + 1)/2·255 ≈ 172 red for SD and ((0.3651 + 0.1084) + 1)/2·255 ≈ 188 for SDXL.
import { describe, expect, it } from 'vitest';
import { latentRgbFactors, previewLatents } from '../../../../native-models/pipelines/diffusion/latent-preview.ts';

const oneChannel = Float32Array.of(1, 0, 0, 0); // [1, 4, 1, 1]

describe('latent previews', () => {
  it('SD 1.x/2.x and SDXL latents each preview through their own factors', () => {
    const sd = previewLatents(oneChannel, [1, 4, 1, 1], 0, latentRgbFactors('sd1'));
    const sdxl = previewLatents(oneChannel, [1, 4, 1, 1], 0, latentRgbFactors('sdxl'));
    expect(Array.from(sd.data)).toEqual([172, 157, 169]); // (1 + 0.3512, 0.2297, 0.3227)/2
    expect(Array.from(sdxl.data)).toEqual([188, 179, 183]); // (1 + 0.3651 + 0.1084, 1 + 0.4232 − 0.0175, 1 + 0.4341 − 0.0011)/2
  });
});
