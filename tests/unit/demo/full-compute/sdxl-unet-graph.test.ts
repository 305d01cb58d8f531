// The full-compute SDXL UNet: its parameter count is SDXL base's (so its weights and memory are the real ones),
// its I/O is Optimum's SDXL export, and a scaled-down copy of the same graph runs in ONNX Runtime with batch 2
// (per-item time_ids and text_embeds through the added embedding) to an out_sample of the sample's shape.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { float32Tensor } from '../../../../native-models/core/tensor.ts';
import { SDXL_UNET, SDXL_UNET_REFERENCE_PARAMETERS, buildSdxlUnet, sdxlUnetInputs } from '../../../../native-models/demo/full-compute/sdxl-unet-graph.ts';
import { buildUnet } from '../../../../native-models/demo/full-compute/unet-graph.ts';
import { loadOnnxModel } from '../../../../native-models/runtime/index.ts';

const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-sdxl-unet-'));
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

describe('full-compute SDXL UNet', () => {
  it('has SDXL base’s parameters (within 0.01 %) and costs ≈ 4× per step at 1024² what it does at 512²', () => {
    const net = buildSdxlUnet();
    expect(Math.abs(net.w.parameters / SDXL_UNET_REFERENCE_PARAMETERS - 1)).toBeLessThan(1e-4);
    const ratio = net.flops.flops / buildSdxlUnet(64).flops.flops;
    expect(ratio).toBeGreaterThan(4);
    expect(ratio).toBeLessThan(4.5); // self-attention grows with the square of the tokens
  });

  it('a scaled-down copy runs in ONNX Runtime with batch 2 and Optimum’s SDXL inputs', async () => {
    const net = buildUnet({ ...SDXL_UNET, channels: [32, 64, 64], heads: { headDim: 16 }, transformerDepth: [0, 2, 1], midTransformerDepth: 1, latentSize: 8 }, 3, 'float32', sdxlUnetInputs);
    await net.w.write(net.g, dir, 'model.onnx', 'model.onnx_data', 'test');
    const unet = await loadOnnxModel(path.join(dir, 'model.onnx'), { provider: 'cpu' });
    try {
      const fill = (dims: number[], value: number) => float32Tensor(new Float32Array(dims.reduce((a, b) => a * b, 1)).fill(value), dims);
      const out = await unet.run({
        sample: fill([2, 4, 8, 8], 0.5),
        timestep: fill([], 500),
        encoder_hidden_states: fill([2, 77, 2048], 0.1),
        text_embeds: fill([2, 1280], 0.1),
        time_ids: float32Tensor(new Float32Array([64, 64, 0, 0, 64, 64, 64, 64, 0, 0, 64, 64]), [2, 6]),
      });
      expect(out.out_sample!.dims).toEqual([2, 4, 8, 8]);
      expect((out.out_sample!.data as Float32Array).every(Number.isFinite)).toBe(true);
    } finally {
      await unet.release();
    }
  });
});
