// The demo SDXL folders (Optimum ≥ 1.24 export layout, fp32): SDXL base and SDXL-Turbo. Facts: model-contracts.md § SDXL.
import type { IoSpec } from '../sd/demo-sd-variants.ts';

export interface DemoSdxlVariant {
  folder: string;
  summary: string;
  /** Turbo: EulerAncestral + trailing spacing, 512² (sample_size 64); base: Euler + leading, 1024² (128). */
  regime: 'base' | 'turbo';
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
];
