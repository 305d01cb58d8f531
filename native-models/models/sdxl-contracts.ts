// The ONNX contracts of an SDXL folder's extra parts (Optimum's SDXL export, verified in model-contracts.md § SDXL):
// text_encoder_2 (CLIPTextModelWithProjection) and the UNet's added conditioning inputs.
import type { OnnxHeader } from './onnx-header-reader.ts';
import type { PartContract } from './onnx-part-check.ts';

const FLOAT = ['float32', 'float16'];

export const SDXL_PARTS = {
  textEncoder2: 'text_encoder_2/model.onnx',
  tokenizer2: 'tokenizer_2',
} as const;

/** text_encoder_2: `text_embeds` [B, 1280] (pooled, projected) first, then `last_hidden_state` and `hidden_states.0…N`. */
export const TEXT_ENCODER_2_CONTRACT: PartContract = {
  label: 'text_encoder_2',
  inputs: [{ names: ['input_ids'], types: ['int32', 'int64'], ranks: [2] }],
  outputs: [
    { names: ['text_embeds'], types: FLOAT, ranks: [2] },
    { names: ['last_hidden_state'], types: FLOAT, ranks: [3] },
  ],
};

/** The UNet inputs SDXL adds (`addition_embed_type: "text_time"`): pooled text embeddings and the size/crop ids. */
export const SDXL_UNET_INPUTS = ['text_embeds', 'time_ids'] as const;

/** SDXL's VAE (config `scaling_factor`); used only when the folder ships no VAE config. */
export const SDXL_VAE_SCALING_FACTOR = 0.13025;

/**
 * diffusers' `hidden_states[-2]`: with outputs `hidden_states.0` (the embeddings) … `hidden_states.N` (the last
 * layer), the penultimate layer is `hidden_states.{N-1}`. Undefined when the export has no hidden-state outputs.
 */
export function penultimateHiddenState(header: Pick<OnnxHeader, 'outputs'>): string | undefined {
  const layers = header.outputs.map((o) => /^hidden_states\.(\d+)$/.exec(o.name)?.[1]).filter((n): n is string => n !== undefined).map(Number);
  if (layers.length < 2) return undefined;
  return `hidden_states.${Math.max(...layers) - 1}`;
}

/** The widths the SDXL UNet expects: CLIP-L 768 + OpenCLIP bigG 1280 = 2048 (the refiner: bigG alone, 1280). */
export function hiddenWidth(header: OnnxHeader | undefined, output: string | undefined): number | undefined {
  const width = header?.outputs.find((o) => o.name === output)?.shape[2];
  return typeof width === 'number' ? width : undefined;
}
