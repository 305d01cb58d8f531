// The demo SDXL folders (Optimum ≥ 1.24 export layout, fp32): SDXL base, SDXL-Turbo, SDXL inpainting (9-channel UNet,
// as diffusers/stable-diffusion-xl-1.0-inpainting-0.1) and the SDXL refiner (bigG only, 5 time ids). Facts:
// model-contracts.md § SDXL.
import type { IoSpec } from '../sd/demo-sd-variants.ts';

export interface DemoSdxlVariant {
  folder: string;
  summary: string;
  /** Turbo: EulerAncestral + trailing spacing, 512² (sample_size 64); the others: Euler + leading, 1024² (128). */
  regime: 'base' | 'turbo' | 'inpainting' | 'refiner';
  sampleSize: number;
  floatType: 'float32';
  vaeDecoder: { latentSample: IoSpec; sample: IoSpec };
  vaeEncoder: { sample: IoSpec; output: IoSpec };
}

/** CLIP ViT-L (12 layers, 768) and OpenCLIP bigG (32 layers, 1280), as the real SDXL encoders. */
export const SDXL_ENCODERS = [
  { part: 'text_encoder', tokenizer: 'tokenizer', width: 768, layers: 12, pooledName: 'pooler_output' },
  { part: 'text_encoder_2', tokenizer: 'tokenizer_2', width: 1280, layers: 32, pooledName: 'text_embeds' },
] as const;
export type SdxlEncoderSpec = (typeof SDXL_ENCODERS)[number];

export const SDXL_CROSS_WIDTH = 768 + 1280;
export const SDXL_POOLED_WIDTH = 1280;
export const SDXL_TIME_IDS = 6;
/** The refiner's time_ids: original size, crop top-left, aesthetic score. */
export const SDXL_REFINER_TIME_IDS = 5;
/**
 * The demo refiner paints its picture at brightness aesthetic_score / 10 (0.6 at diffusers' default 6.0, 0.25 at
 * the negative 2.5): a refined image is visibly the refiner's, and a wrong score shows.
 */
export const DEMO_REFINER_SCORE_DIVISOR = 10;
/**
 * Below this timestep (the low-noise end a real refiner is trained for; diffusers' default hand-over at 0.8 of
 * 1000 is t = 200) the demo refiner keeps the brightness it is handed and moves it DEMO_REFINER_PULL of the way to
 * its own each step; above it, it paints its own picture outright (sdxl-refiner-oracle-graph.ts).
 */
export const DEMO_REFINER_WORKING_TIMESTEP = 250;
export const DEMO_REFINER_PULL = 0.5;

/** Which text encoders a variant has: the refiner has text_encoder_2 alone. */
export function variantEncoders(v: Pick<DemoSdxlVariant, 'regime'>): readonly SdxlEncoderSpec[] {
  return v.regime === 'refiner' ? SDXL_ENCODERS.filter((e) => e.part === 'text_encoder_2') : SDXL_ENCODERS;
}

/** encoder_hidden_states width: 768 + 1280, or 1280 for the refiner. */
export function variantCrossWidth(v: Pick<DemoSdxlVariant, 'regime'>): number {
  return variantEncoders(v).reduce((sum, e) => sum + e.width, 0);
}
export const DEMO_SDXL_VAE_SCALING_FACTOR = 0.13025;

const io = (name: string, type: IoSpec['type'], shape: IoSpec['shape']): IoSpec => ({ name, type, shape });

function variant(folder: string, regime: DemoSdxlVariant['regime'], summary: string): DemoSdxlVariant {
  return {
    folder,
    summary,
    regime,
    sampleSize: regime === 'turbo' ? 64 : 128,
    floatType: 'float32',
    vaeDecoder: {
      latentSample: io('latent_sample', 'float32', ['batch_size', 4, 'latent_height', 'latent_width']),
      sample: io('sample', 'float32', ['batch_size', 3, 'height', 'width']),
    },
    vaeEncoder: {
      sample: io('sample', 'float32', ['batch_size', 3, 'height', 'width']),
      output: io('latent_parameters', 'float32', ['batch_size', 8, 'latent_height', 'latent_width']),
    },
  };
}

export const DEMO_SDXL_VARIANTS: readonly DemoSdxlVariant[] = [
  variant('demo-sdxl', 'base', 'Optimum ≥ 1.24 export of SDXL base: two text encoders, text_embeds/time_ids, VAE 0.13025'),
  variant('demo-sdxl-turbo', 'turbo', 'the same SDXL contract with SDXL-Turbo\'s scheduler (Euler ancestral, trailing) and 512² size'),
  variant('demo-sdxl-inpainting', 'inpainting', 'SDXL inpainting as diffusers/stable-diffusion-xl-1.0-inpainting-0.1: a 9-channel UNet (latents, mask, masked-image latents)'),
  variant('demo-sdxl-refiner', 'refiner', 'the SDXL refiner: text_encoder_2 + tokenizer_2 only, UNet 1280 wide with 5 time ids (original size, crop, aesthetic score)'),
];
