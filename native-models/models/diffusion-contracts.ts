// The ONNX contracts of an SD-family folder's parts, accepting every exporter flavour (model-contracts.md §0, §6).
import type { PartContract } from './onnx-part-check.ts';

const FLOAT = ['float32', 'float16'];

export const TEXT_ENCODER_CONTRACT: PartContract = {
  label: 'text_encoder',
  inputs: [{ names: ['input_ids'], types: ['int32', 'int64'], ranks: [2] }],
  outputs: [{ names: ['last_hidden_state'], types: FLOAT, ranks: [3] }],
};

export const UNET_CONTRACT: PartContract = {
  label: 'unet',
  inputs: [
    { names: ['sample'], types: FLOAT, ranks: [4] },
    // float [batch] (legacy), fp16 [batch] (Olive), int64 [steps] (Optimum ≤1.23), float [] (Optimum ≥1.24).
    { names: ['timestep'], types: ['float32', 'float16', 'int64', 'int32'], ranks: [0, 1] },
    { names: ['encoder_hidden_states'], types: FLOAT, ranks: [3] },
    { names: ['timestep_cond'], types: FLOAT, ranks: [2], optional: true },
  ],
  outputs: [{ names: ['out_sample'], types: FLOAT, ranks: [4] }],
};

export const VAE_DECODER_CONTRACT: PartContract = {
  label: 'vae_decoder',
  inputs: [{ names: ['latent_sample'], types: FLOAT, ranks: [4] }],
  outputs: [{ names: ['sample'], types: FLOAT, ranks: [4] }],
};

export const VAE_ENCODER_CONTRACT: PartContract = {
  label: 'vae_encoder',
  inputs: [{ names: ['sample'], types: FLOAT, ranks: [4] }],
  outputs: [{ names: ['latent_sample', 'latent_parameters'], types: FLOAT, ranks: [4] }],
};

/** UNet inputs the pipelines know how to fill. Anything else (SDXL's text_embeds/time_ids) is reported. */
export const KNOWN_UNET_INPUTS = new Set(['sample', 'timestep', 'encoder_hidden_states', 'timestep_cond']);

/** The sub-folders of a diffusers/Optimum ONNX folder (model-contracts.md §1.1). */
export const DIFFUSION_PARTS = {
  textEncoder: 'text_encoder/model.onnx',
  unet: 'unet/model.onnx',
  vaeDecoder: 'vae_decoder/model.onnx',
  vaeEncoder: 'vae_encoder/model.onnx',
  tokenizerVocab: 'tokenizer/vocab.json',
  tokenizerMerges: 'tokenizer/merges.txt',
  schedulerConfig: 'scheduler/scheduler_config.json',
  modelIndex: 'model_index.json',
} as const;
