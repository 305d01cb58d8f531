// The JSON files of a demo diffusion folder, with the keys and values real exports ship (model-contracts.md §1):
// model_index.json, scheduler_config.json, tokenizer configs and Optimum's per-part config.json.
import { DEMO_SCHEDULE, LCM_TIME_COND_DIM, VAE_SCALING_FACTOR } from './demo-sd-spec.ts';
import type { DemoSdVariant } from './demo-sd-variants.ts';

type Json = Record<string, unknown>;

const isOptimum = (v: DemoSdVariant): boolean => v.flavour.startsWith('optimum');

export function schedulerConfig(v: DemoSdVariant): Json {
  const schedule = {
    beta_start: DEMO_SCHEDULE.betaStart,
    beta_end: DEMO_SCHEDULE.betaEnd,
    beta_schedule: DEMO_SCHEDULE.betaSchedule,
    num_train_timesteps: DEMO_SCHEDULE.numTrainTimesteps,
    trained_betas: null,
  };
  if (v.oracle === 'lcm') {
    // LCM_Dreamshaper_v7's LCMScheduler values.
    return {
      _class_name: 'LCMScheduler',
      _diffusers_version: '0.22.0.dev0',
      ...schedule,
      clip_sample: false,
      clip_sample_range: 1.0,
      dynamic_thresholding_ratio: 0.995,
      original_inference_steps: 50,
      prediction_type: 'epsilon',
      rescale_betas_zero_snr: false,
      sample_max_value: 1.0,
      set_alpha_to_one: true,
      steps_offset: 0,
      thresholding: false,
      timestep_scaling: 10.0,
      timestep_spacing: 'leading',
    };
  }
  const predictionType = v.oracle === 'v_prediction' ? 'v_prediction' : 'epsilon';
  if (v.scheduler === 'EulerDiscreteScheduler') {
    // SDXL base 1.0's EulerDiscreteScheduler values (the SD schedule with leading spacing, offset 1).
    return {
      _class_name: 'EulerDiscreteScheduler',
      _diffusers_version: '0.19.0.dev0',
      ...schedule,
      clip_sample: false,
      interpolation_type: 'linear',
      prediction_type: predictionType,
      sample_max_value: 1.0,
      set_alpha_to_one: false,
      skip_prk_steps: true,
      steps_offset: 1,
      timestep_spacing: 'leading',
      use_karras_sigmas: false,
    };
  }
  // SD 1.5's PNDM values (SD 2.x-base ships the same).
  return {
    _class_name: 'PNDMScheduler',
    _diffusers_version: '0.6.0',
    ...schedule,
    clip_sample: false,
    prediction_type: predictionType,
    set_alpha_to_one: false,
    skip_prk_steps: true,
    steps_offset: 1,
  };
}

export function modelIndex(v: DemoSdVariant): Json {
  const scheduler = ['diffusers', v.scheduler];
  const common = { scheduler, tokenizer: ['transformers', 'CLIPTokenizer'], safety_checker: [null, null], feature_extractor: [null, null] };
  if (isOptimum(v)) {
    // Optimum copies the torch pipeline's model_index.json (torch class names, a single `vae`).
    return {
      _class_name: v.oracle === 'lcm' ? 'LatentConsistencyModelPipeline' : 'StableDiffusionPipeline',
      _diffusers_version: v.oracle === 'lcm' ? '0.22.0.dev0' : '0.31.0',
      ...common,
      requires_safety_checker: false,
      text_encoder: ['transformers', 'CLIPTextModel'],
      unet: ['diffusers', 'UNet2DConditionModel'],
      vae: ['diffusers', 'AutoencoderKL'],
    };
  }
  const part = ['diffusers', 'OnnxRuntimeModel'];
  return {
    _class_name: v.oracle === 'inpaint' ? 'OnnxStableDiffusionInpaintPipeline' : 'OnnxStableDiffusionPipeline',
    _diffusers_version: '0.6.0',
    ...common,
    requires_safety_checker: false,
    text_encoder: part,
    unet: part,
    vae_decoder: part,
    vae_encoder: part,
  };
}

const token = (content: string, extra: Json = {}): Json => ({ ...extra, content, lstrip: false, normalized: true, rstrip: false, single_word: false });

/**
 * special_tokens_map.json: SD 1.x pads with <|endoftext|>; SD 2.x with "!" (id 0). This file wins over
 * tokenizer_config.json in transformers, which for SD 2.x still says <|endoftext|> — kept as the real repos have it.
 */
export function specialTokensMap(v: Pick<DemoSdVariant, 'sd2Tokenizer'>): Json {
  return {
    bos_token: token('<|startoftext|>'),
    eos_token: token('<|endoftext|>'),
    pad_token: v.sd2Tokenizer ? '!' : '<|endoftext|>',
    unk_token: token('<|endoftext|>'),
  };
}

export function tokenizerConfig(v: Pick<DemoSdVariant, 'sd2Tokenizer'>): Json {
  const added = { __type: 'AddedToken' };
  return {
    add_prefix_space: false,
    bos_token: token('<|startoftext|>', added),
    do_lower_case: true,
    eos_token: token('<|endoftext|>', added),
    errors: 'replace',
    model_max_length: 77,
    name_or_path: v.sd2Tokenizer ? 'stabilityai/stable-diffusion-2' : 'openai/clip-vit-large-patch14',
    pad_token: '<|endoftext|>',
    special_tokens_map_file: './special_tokens_map.json',
    tokenizer_class: 'CLIPTokenizer',
    unk_token: token('<|endoftext|>', added),
  };
}

/** Optimum's per-part config.json (a copy of the diffusers/transformers sub-model config). */
export function partConfigs(v: DemoSdVariant): Record<'text_encoder' | 'unet' | 'vae_decoder' | 'vae_encoder', Json> {
  const sd2 = v.hiddenSize === 1024;
  const vae = {
    _class_name: 'AutoencoderKL',
    _diffusers_version: '0.31.0',
    act_fn: 'silu',
    block_out_channels: [128, 256, 512, 512],
    down_block_types: Array(4).fill('DownEncoderBlock2D'),
    force_upcast: true,
    in_channels: 3,
    latent_channels: 4,
    layers_per_block: 2,
    norm_num_groups: 32,
    out_channels: 3,
    sample_size: v.sampleSize * 8,
    scaling_factor: VAE_SCALING_FACTOR,
    up_block_types: Array(4).fill('UpDecoderBlock2D'),
  };
  return {
    text_encoder: {
      architectures: ['CLIPTextModel'],
      model_type: 'clip_text_model',
      hidden_act: sd2 ? 'gelu' : 'quick_gelu',
      hidden_size: v.hiddenSize,
      intermediate_size: sd2 ? 4096 : 3072,
      layer_norm_eps: 1e-5,
      max_position_embeddings: 77,
      num_attention_heads: sd2 ? 16 : 12,
      num_hidden_layers: sd2 ? 23 : 12,
      projection_dim: sd2 ? 512 : 768,
      vocab_size: 49408,
      bos_token_id: 0,
      eos_token_id: 2,
      pad_token_id: 1,
      torch_dtype: v.floatType,
      transformers_version: '4.46.0',
    },
    unet: {
      _class_name: 'UNet2DConditionModel',
      _diffusers_version: '0.31.0',
      act_fn: 'silu',
      attention_head_dim: sd2 ? [5, 10, 20, 20] : 8,
      block_out_channels: [320, 640, 1280, 1280],
      center_input_sample: false,
      cross_attention_dim: v.hiddenSize,
      down_block_types: ['CrossAttnDownBlock2D', 'CrossAttnDownBlock2D', 'CrossAttnDownBlock2D', 'DownBlock2D'],
      flip_sin_to_cos: true,
      freq_shift: 0,
      in_channels: v.unetChannels,
      layers_per_block: 2,
      norm_eps: 1e-5,
      norm_num_groups: 32,
      out_channels: 4,
      sample_size: v.sampleSize,
      time_cond_proj_dim: v.oracle === 'lcm' ? LCM_TIME_COND_DIM : null,
      up_block_types: ['UpBlock2D', 'CrossAttnUpBlock2D', 'CrossAttnUpBlock2D', 'CrossAttnUpBlock2D'],
      use_linear_projection: sd2,
    },
    vae_decoder: vae,
    vae_encoder: vae,
  };
}
