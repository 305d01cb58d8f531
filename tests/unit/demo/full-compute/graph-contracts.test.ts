// The full-compute graphs keep the ONNX I/O contracts of model-contracts.md (names, dtypes, ranks), checked on
// down-scaled configs; and WeightStore writes every weight as external data with consistent offsets.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import onnxProto from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import type { NetBuilder } from '../../../../native-models/demo/full-compute/net-builder.ts';
import { buildUnet } from '../../../../native-models/demo/full-compute/unet-graph.ts';
import { buildTextEncoder } from '../../../../native-models/demo/full-compute/text-encoder-graph.ts';
import { buildVaeDecoder } from '../../../../native-models/demo/full-compute/vae-decoder-graph.ts';
import { buildSamEncoder } from '../../../../native-models/demo/full-compute/sam-encoder-graph.ts';
import { buildSamDecoder } from '../../../../native-models/demo/full-compute/sam-decoder-graph.ts';
import { buildSam2Encoder } from '../../../../native-models/demo/full-compute/sam2-encoder-graph.ts';

const { onnx } = onnxProto;
const F = onnx.TensorProto.DataType.FLOAT;
const I64 = onnx.TensorProto.DataType.INT64;

function io(net: NetBuilder) {
  const graph = onnx.ModelProto.decode(net.g.serialize().model).graph!;
  const describe = (v: onnxProto.onnx.IValueInfoProto) => [v.name, v.type!.tensorType!.elemType, v.type!.tensorType!.shape!.dim!.length];
  return { inputs: graph.input!.map(describe), outputs: graph.output!.map(describe) };
}

describe('full-compute I/O contracts', () => {
  it('UNet: Optimum ≥ 1.24 (sample, rank-0 float timestep, encoder_hidden_states → out_sample)', () => {
    const net = buildUnet({ channels: [32, 64], layersPerBlock: 1, heads: 2, transformerDepth: [1, 0], midTransformerDepth: 1, contextDim: 16, latentSize: 8, contextTokens: 77 });
    expect(io(net)).toEqual({
      inputs: [['sample', F, 4], ['timestep', F, 0], ['encoder_hidden_states', F, 3]],
      outputs: [['out_sample', F, 4]],
    });
  });

  it('text encoder: int64 input_ids → last_hidden_state, pooler_output', () => {
    const net = buildTextEncoder({ vocab: 100, tokens: 77, width: 16, layers: 1, heads: 2 });
    expect(io(net)).toEqual({ inputs: [['input_ids', I64, 2]], outputs: [['last_hidden_state', F, 3], ['pooler_output', F, 2]] });
  });

  it('VAE decoder: latent_sample → sample', () => {
    const net = buildVaeDecoder({ channels: [32, 32], layersPerBlock: 1, latentSize: 4 });
    expect(io(net)).toEqual({ inputs: [['latent_sample', F, 4]], outputs: [['sample', F, 4]] });
  });

  it('SAM encoder (samexporter NCHW) and decoder (official export)', () => {
    const enc = buildSamEncoder({ imageSize: 64, patch: 16, width: 32, layers: 2, heads: 2, window: 3, globalLayers: [1], outChannels: 256 });
    expect(io(enc)).toEqual({ inputs: [['input_image', F, 4]], outputs: [['image_embeddings', F, 4]] });
    expect(io(buildSamDecoder())).toEqual({
      inputs: [['image_embeddings', F, 4], ['point_coords', F, 3], ['point_labels', F, 2], ['mask_input', F, 4], ['has_mask_input', F, 1], ['orig_im_size', F, 1]],
      outputs: [['low_res_masks', F, 4], ['iou_predictions', F, 2], ['masks', F, 4]],
    });
    // the int8 decoder (quantize_dynamic form) keeps the same contract
    expect(io(buildSamDecoder(5, { int8: true }))).toEqual(io(buildSamDecoder()));
  });

  it('SAM 2.1-tiny-sized pair: samexporter export_sam2.py (image → high_res_feats_0/1, image_embed; decoder without orig_im_size)', () => {
    expect(io(buildSam2Encoder())).toEqual({ inputs: [['image', F, 4]], outputs: [['high_res_feats_0', F, 4], ['high_res_feats_1', F, 4], ['image_embed', F, 4]] });
    expect(io(buildSamDecoder(5, { sam2: true }))).toEqual({
      inputs: [['image_embed', F, 4], ['high_res_feats_0', F, 4], ['high_res_feats_1', F, 4], ['point_coords', F, 3], ['point_labels', F, 2], ['mask_input', F, 4], ['has_mask_input', F, 1]],
      outputs: [['masks', F, 4], ['iou_predictions', F, 2]],
    });
  });
});

describe('WeightStore.write', () => {
  it('puts every weight in the external-data file, back to back', async () => {
    const net = buildTextEncoder({ vocab: 10, tokens: 4, width: 8, layers: 1, heads: 2 });
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-fc-'));
    try {
      const bytes = await net.w.write(net.g, dir, 'model.onnx', 'model.onnx_data', 'test');
      expect(bytes).toBe(net.w.parameters * 4);
      expect((await fs.stat(path.join(dir, 'model.onnx_data'))).size).toBe(bytes);
      const graph = onnx.ModelProto.decode(await fs.readFile(path.join(dir, 'model.onnx'))).graph!;
      const external = graph.initializer!.filter((t) => t.dataLocation === onnx.TensorProto.DataLocation.EXTERNAL);
      let expected = 0;
      for (const t of external) {
        const meta = Object.fromEntries(t.externalData!.map((e) => [e.key, e.value]));
        expect(meta.location).toBe('model.onnx_data');
        expect(Number(meta.offset)).toBe(expected);
        expected += Number(meta.length);
      }
      expect(expected).toBe(bytes);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
