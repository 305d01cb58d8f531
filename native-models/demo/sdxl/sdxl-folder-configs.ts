// The JSON files of a demo SDXL folder with the keys and values the real repos ship (stabilityai/
// stable-diffusion-xl-base-1.0, sdxl-turbo, stable-diffusion-xl-refiner-1.0 and diffusers/stable-diffusion-xl-1.0-
// inpainting-0.1; Optimum copies them): model_index, scheduler, part configs.
import { DEMO_SCHEDULE } from '../sd/demo-sd-spec.ts';
import { DEMO_SDXL_VAE_SCALING_FACTOR, SDXL_REFINER_TIME_IDS, SDXL_TIME_IDS, variantCrossWidth, type DemoSdxlVariant } from './demo-sdxl-variants.ts';

const PIPELINE_CLASS = {
  base: 'StableDiffusionXLPipeline',
  turbo: 'StableDiffusionXLPipeline',
  inpainting: 'StableDiffusionXLInpaintPipeline',
  refiner: 'StableDiffusionXLImg2ImgPipeline',
} as const;

type Json = Record<string, unknown>;

const schedulerClass = (v: DemoSdxlVariant): string => (v.regime === 'turbo' ? 'EulerAncestralDiscreteScheduler' : 'EulerDiscreteScheduler');

export function sdxlModelIndex(v: DemoSdxlVariant): Json {
  // The refiner ships no CLIP-L (its model_index says null), asks for the aesthetic score and encodes "" as ""
  const refiner = v.regime === 'refiner';
  return {
    _class_name: PIPELINE_CLASS[v.regime],
    _diffusers_version: '0.24.0',
    force_zeros_for_empty_prompt: !refiner,
    ...(refiner ? { requires_aesthetics_score: true } : {}),
    scheduler: ['diffusers', schedulerClass(v)],
    text_encoder: refiner ? [null, null] : ['transformers', 'CLIPTextModel'],
    text_encoder_2: ['transformers', 'CLIPTextModelWithProjection'],
    tokenizer: refiner ? [null, null] : ['transformers', 'CLIPTokenizer'],
    tokenizer_2: ['transformers', 'CLIPTokenizer'],
    unet: ['diffusers', 'UNet2DConditionModel'],
    vae: ['diffusers', 'AutoencoderKL'],
  };
}

/** SDXL base: Euler, leading spacing, steps_offset 1; SDXL-Turbo: Euler ancestral, trailing. */
export function sdxlSchedulerConfig(v: DemoSdxlVariant): Json {
  return {
    _class_name: schedulerClass(v),
    _diffusers_version: '0.24.0',
    beta_start: DEMO_SCHEDULE.betaStart,
    beta_end: DEMO_SCHEDULE.betaEnd,
    beta_schedule: DEMO_SCHEDULE.betaSchedule,
    num_train_timesteps: DEMO_SCHEDULE.numTrainTimesteps,
    trained_betas: null,
    clip_sample: false,
    interpolation_type: 'linear',
    prediction_type: 'epsilon',
    sample_max_value: 1.0,
    set_alpha_to_one: false,
    skip_prk_steps: true,
    steps_offset: 1,
    timestep_spacing: v.regime === 'turbo' ? 'trailing' : 'leading',
    use_karras_sigmas: false,
  };
}

export function sdxlPartConfigs(v: DemoSdxlVariant): Record<string, Json> {
  const vae = {
    _class_name: 'AutoencoderKL',
    _diffusers_version: '0.24.0',
    block_out_channels: [128, 256, 512, 512],
    force_upcast: true,
    in_channels: 3,
    latent_channels: 4,
    out_channels: 3,
    sample_size: 1024,
    scaling_factor: DEMO_SDXL_VAE_SCALING_FACTOR,
  };
  const clip = (hidden: number, layers: number, architecture: string, projection: number): Json => ({
    architectures: [architecture],
    model_type: 'clip_text_model',
    hidden_size: hidden,
    num_hidden_layers: layers,
    projection_dim: projection,
    max_position_embeddings: 77,
    vocab_size: 49408,
    output_hidden_states: true,
  });
  // projection_class_embeddings_input_dim = pooled width + time ids · addition_time_embed_dim (1280 + 6·256 = 2816;
  // the refiner 1280 + 5·256 = 2560), as the real unet/config.json files say
  const timeIds = v.regime === 'refiner' ? SDXL_REFINER_TIME_IDS : SDXL_TIME_IDS;
  return {
    ...(v.regime === 'refiner' ? {} : { text_encoder: clip(768, 12, 'CLIPTextModel', 768) }),
    text_encoder_2: clip(1280, 32, 'CLIPTextModelWithProjection', 1280),
    unet: {
      _class_name: 'UNet2DConditionModel',
      _diffusers_version: '0.24.0',
      addition_embed_type: 'text_time',
      addition_time_embed_dim: 256,
      projection_class_embeddings_input_dim: 1280 + timeIds * 256,
      cross_attention_dim: variantCrossWidth(v),
      in_channels: v.regime === 'inpainting' ? 9 : 4,
      out_channels: 4,
      sample_size: v.sampleSize,
    },
    vae_decoder: vae,
    vae_encoder: vae,
  };
}
