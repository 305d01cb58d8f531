// A random-weight UNet with SDXL base's architecture (diffusers UNet2DConditionModel of stable-diffusion-xl-base-1.0:
// 320/640/1280 channels, 2 ResNet blocks per level, no attention on the first level, 2 and 10 transformer blocks on
// the others and 10 in the mid block, 64-wide heads, 2048-wide cross-attention, the "text_time" added embedding
// of the pooled text_embeds (1280) and the six time_ids (256-wide sinusoids each) = 2816 → 1280), so a step costs
// what SDXL's does. I/O as Optimum's SDXL export: sample, timestep, encoder_hidden_states, text_embeds, time_ids.
import { attr } from '../onnx-graph-builder.ts';
import type { NetBuilder } from './net-builder.ts';
import { buildUnet, sinusoid, timeEmbedding, type UnetConfig, type UnetInputs } from './unet-graph.ts';

/** Latent side 128 = 1024² images, SDXL's native size; the two encoders' 77 tokens. */
export const SDXL_UNET: UnetConfig = { channels: [320, 640, 1280], layersPerBlock: 2, heads: { headDim: 64 }, transformerDepth: [0, 2, 10], midTransformerDepth: 10, contextDim: 2048, latentSize: 128, contextTokens: 77 };

/** stable-diffusion-xl-base-1.0's UNet: 2,567,463,684 parameters (diffusers' `unet.num_parameters()`). */
export const SDXL_UNET_REFERENCE_PARAMETERS = 2_567_463_684;

const TIME_IDS = 6;
const TIME_ID_DIM = 256;
const POOLED_DIM = 1280;

/** SDXL's UNet inputs (Optimum's export) and its time embedding plus the "text_time" added embedding. */
export function sdxlUnetInputs(n: NetBuilder, cfg: UnetConfig): UnetInputs {
  const { g } = n;
  const timestep = g.input('timestep', 'float32', []);
  const context = g.input('encoder_hidden_states', n.floatType, ['batch_size', 'sequence_length', cfg.contextDim]);
  const textEmbeds = g.input('text_embeds', n.floatType, ['batch_size', POOLED_DIM]);
  const timeIds = g.input('time_ids', 'float32', ['batch_size', TIME_IDS]);
  const c0 = cfg.channels[0]!;
  // time_ids [B, 6] → 6 sinusoids per item → [B, 1536]; with text_embeds [B, 2816] → linear → SiLU → linear
  const timeEmb = g.op('Reshape', [sinusoid(n, g.op('Reshape', [timeIds, g.i64([-1])]), TIME_ID_DIM), g.i64([-1, TIME_IDS * TIME_ID_DIM])]);
  const added = g.op('Concat', [textEmbeds, timeEmb], { axis: attr.i(1) });
  const width = POOLED_DIM + TIME_IDS * TIME_ID_DIM;
  const addEmb = n.linear(n.silu(n.linear(added, width, 4 * c0, 1)), 4 * c0, 4 * c0, 1);
  return { emb: g.op('Add', [timeEmbedding(n, timestep, c0), addEmb]), tembBatch: -1, context };
}

/** `latentSize` only changes where the FLOPs are counted (the graph takes any size that is a multiple of 4). */
export function buildSdxlUnet(latentSize = SDXL_UNET.latentSize, seed = 1): NetBuilder {
  return buildUnet({ ...SDXL_UNET, latentSize }, seed, 'float32', sdxlUnetInputs);
}
