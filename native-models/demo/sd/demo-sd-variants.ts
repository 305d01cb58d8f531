// The demo diffusion folders: one per exporter family (model-contracts.md §0), each with the exact input/output
// names, dtypes and dynamic-axis names that exporter writes, plus the oracle flavour its UNet implements.
import type { Dim, ElemType } from '../onnx-graph-builder.ts';
import { LCM_TIME_COND_DIM } from './demo-sd-spec.ts';

export type SdExporterFlavour = 'optimum-1.24' | 'optimum-1.23' | 'optimum-1.22' | 'diffusers-legacy' | 'olive';
export type SdOracleKind = 'epsilon' | 'v_prediction' | 'inpaint' | 'lcm';
/** The scheduler class a folder's scheduler_config.json names (its default when the user picks none). */
export type DemoSchedulerClass = 'PNDMScheduler' | 'EulerDiscreteScheduler' | 'LCMScheduler';

export interface IoSpec {
  name: string;
  type: ElemType;
  shape: Dim[];
}

export interface DemoSdVariant {
  folder: string;
  /** One line for the pack README. */
  summary: string;
  flavour: SdExporterFlavour;
  oracle: SdOracleKind;
  /** Text-encoder width: 768 (SD 1.x CLIP ViT-L) or 1024 (SD 2.x OpenCLIP ViT-H). */
  hiddenSize: number;
  /** SD 2.x tokenizer: special_tokens_map pads with "!" (id 0). */
  sd2Tokenizer: boolean;
  /** Float element type of every float input/output (Olive builds are fp16 throughout). */
  floatType: 'float32' | 'float16';
  /** UNet `sample` channels: 4, or 9 for inpainting (latents 4, mask 1, masked-image latents 4). */
  unetChannels: 4 | 9;
  /** Default latent size hint written to unet/config.json (image side = 8×). */
  sampleSize: number;
  scheduler: DemoSchedulerClass;
  externalDataFile: 'model.onnx_data' | 'weights.pb';
  text: { inputIds: IoSpec; lastHiddenState: IoSpec; poolerOutput: IoSpec };
  unet: { sample: IoSpec; timestep: IoSpec; encoderHiddenStates: IoSpec; timestepCond?: IoSpec; outSample: IoSpec };
  vaeDecoder: { latentSample: IoSpec; sample: IoSpec };
  vaeEncoder: { sample: IoSpec; output: IoSpec };
}

interface VariantChoice {
  folder: string;
  summary: string;
  flavour: SdExporterFlavour;
  oracle: SdOracleKind;
  hiddenSize?: number;
  sd2Tokenizer?: boolean;
  sampleSize?: number;
  /** Default PNDMScheduler (SD 1.5's own); LCM folders always get LCMScheduler. */
  scheduler?: DemoSchedulerClass;
}

const io = (name: string, type: ElemType, shape: Dim[]): IoSpec => ({ name, type, shape });

/** Builds a variant's I/O table from its exporter's naming conventions (contracts §0, §1.4). */
function variant(choice: VariantChoice): DemoSdVariant {
  const { flavour, oracle } = choice;
  const H = choice.hiddenSize ?? 768;
  const optimum = flavour.startsWith('optimum');
  const olive = flavour === 'olive';
  const f: 'float32' | 'float16' = olive ? 'float16' : 'float32';
  const ids: ElemType = optimum ? 'int64' : 'int32';
  const channels = oracle === 'inpaint' ? 9 : 4;
  // Axis names as each exporter spells them.
  const b = optimum ? 'batch_size' : 'batch';
  const s = optimum ? 'sequence_length' : 'sequence';
  const u = olive
    ? { b: 'unet_sample_batch', c: 'unet_sample_channels', h: 'unet_sample_height', w: 'unet_sample_width', t: 'unet_time_batch', eb: 'unet_hidden_batch', es: 'unet_hidden_sequence' }
    : { b, c: optimum ? channels : 'channels', h: 'height', w: 'width', t: optimum ? 'steps' : 'batch', eb: b, es: s };
  const lat = optimum ? { c: 4, h: 'latent_height', w: 'latent_width' } : { c: 'channels', h: 'height', w: 'width' };
  const timestep =
    flavour === 'optimum-1.24' ? io('timestep', 'float32', []) : optimum ? io('timestep', 'int64', [u.t]) : io('timestep', f, [u.t]);
  const sampled = flavour !== 'optimum-1.24' && flavour !== 'optimum-1.23';
  return {
    folder: choice.folder,
    summary: choice.summary,
    flavour,
    oracle,
    hiddenSize: H,
    sd2Tokenizer: choice.sd2Tokenizer ?? false,
    floatType: f,
    unetChannels: channels,
    sampleSize: choice.sampleSize ?? 64,
    scheduler: oracle === 'lcm' ? 'LCMScheduler' : (choice.scheduler ?? 'PNDMScheduler'),
    externalDataFile: optimum ? 'model.onnx_data' : 'weights.pb',
    text: {
      inputIds: io('input_ids', ids, [b, s]),
      lastHiddenState: io('last_hidden_state', f, [b, s, H]),
      poolerOutput: io('pooler_output', f, [b, H]),
    },
    unet: {
      sample: io('sample', f, [u.b, u.c, u.h, u.w]),
      timestep,
      encoderHiddenStates: io('encoder_hidden_states', f, [u.eb, u.es, H]),
      ...(oracle === 'lcm' ? { timestepCond: io('timestep_cond', 'float32', [u.b, LCM_TIME_COND_DIM]) } : {}),
      outSample: io('out_sample', f, [u.b, 4, u.h, u.w]),
    },
    vaeDecoder: {
      latentSample: io('latent_sample', f, [b, lat.c, lat.h, lat.w]),
      sample: io('sample', f, [b, 3, optimum ? 'height' : 'image_height', optimum ? 'width' : 'image_width']),
    },
    vaeEncoder: {
      sample: io('sample', f, [b, optimum ? 3 : 'channels', 'height', 'width']),
      output: sampled ? io('latent_sample', f, [b, 4, 'latent_height', 'latent_width']) : io('latent_parameters', f, [b, 8, 'latent_height', 'latent_width']),
    },
  };
}

// The folders a new user meets first (demo-sd is picked on the first start) default to Euler, whose last step
// reaches σ = 0: PNDM and DDIM with SD's set_alpha_to_one = false stop at ᾱ_0 and leave √(1−ᾱ_0) ≈ 0.03 of latent
// noise, which the demo's linear VAE shows as ±6/255 grain (a real VAE hides it). Legacy and Olive keep SD 1.5's PNDM.
export const DEMO_SD_VARIANTS: readonly DemoSdVariant[] = [
  variant({ folder: 'demo-sd', flavour: 'optimum-1.24', oracle: 'epsilon', scheduler: 'EulerDiscreteScheduler', summary: 'Optimum ≥ 1.24 export, fp32, SD 1.x epsilon, Euler scheduler' }),
  variant({ folder: 'demo-sd-legacy', flavour: 'diffusers-legacy', oracle: 'epsilon', summary: 'legacy diffusers convert script, fp32, SD 1.x epsilon' }),
  variant({ folder: 'demo-sd-fp16', flavour: 'olive', oracle: 'epsilon', summary: 'Olive-optimised export, fp16 I/O throughout, SD 1.x epsilon' }),
  variant({ folder: 'demo-sd-v', flavour: 'optimum-1.23', oracle: 'v_prediction', hiddenSize: 1024, sd2Tokenizer: true, sampleSize: 96, scheduler: 'EulerDiscreteScheduler', summary: 'Optimum 1.23 export of an SD 2.x-style v-prediction model (hidden size 1024, pad "!"), Euler scheduler' }),
  variant({ folder: 'demo-sd-inpaint', flavour: 'diffusers-legacy', oracle: 'inpaint', scheduler: 'EulerDiscreteScheduler', summary: 'legacy diffusers export of a 9-channel inpainting UNet, Euler scheduler' }),
  variant({ folder: 'demo-sd-lcm', flavour: 'optimum-1.22', oracle: 'lcm', sampleSize: 96, summary: 'Optimum ≤ 1.22 export of an LCM-distilled model (timestep_cond w-embedding)' }),
];
