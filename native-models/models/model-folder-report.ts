// What `models check` reports about a folder: kind, variant, precision, size and every problem found.
import type { ErrorCode } from '../api/errors.ts';
import type { SubjectDetails } from './subject-folder-inspect.ts';
import type { UpscalerDetails } from './upscaler-folder-inspect.ts';
import type { SdxlDetails } from './sdxl-folder-inspect.ts';

export interface FolderProblem {
  code: ErrorCode;
  /** One line a user can act on: which file, what is wrong, what was expected. */
  message: string;
  /** Giving this import option resolves the problem (a tiny decoder's latent family); hosts ask for it. */
  solvedByImportOption?: 'latentFamily';
}

export type Precision = 'fp32' | 'fp16' | 'mixed' | 'unknown';

export interface DiffusionDetails {
  /** SD 1.x (768-wide text states), SD 2.x (1024), SDXL (two text encoders, text_embeds/time_ids), or unknown. */
  family: 'sd1' | 'sd2' | 'sdxl' | 'unknown';
  hiddenSize: number | undefined;
  predictionType: 'epsilon' | 'v_prediction' | 'sample';
  /** 9-channel UNet: latents, mask, masked-image latents. */
  inpainting: boolean;
  /** Few-step hint from the scheduler config / UNet inputs. */
  fewStep: 'turbo' | 'lcm' | undefined;
  schedulerClass: string | undefined;
  /** Which exporter family the contracts look like (model-contracts.md §0). */
  exporter: 'optimum' | 'optimum-1.24+' | 'legacy-diffusers' | 'olive' | 'unknown';
  inputIdsType: string | undefined;
  timestep: { type: string; rank: number } | undefined;
  /** `latent_sample` (sampled in-graph) or `latent_parameters` (mean‖logvar); undefined without a VAE encoder. */
  vaeEncoderOutput: 'latent_sample' | 'latent_parameters' | undefined;
  extraUnetInputs: string[];
  /** The UNet takes LCM's guidance embedding `timestep_cond` (guidance enters through it, never a doubled batch). */
  unetTakesTimestepCond: boolean;
  supports: { textToImage: boolean; imageToImage: boolean; inpainting: boolean };
  /** The folder ships its own tiny decoder (`preview_decoder/model.onnx`, models/tiny-decoder-choice.ts). */
  hasPreviewDecoder: boolean;
  /** SDXL folders only: which SDXL model, its encoders' penultimate outputs, force_zeros_for_empty_prompt. */
  sdxl?: SdxlDetails;
}

import type { SamFamilyName } from './sam-family.ts';

export interface SamDetails {
  encoderFile: string;
  decoderFile: string;
  /** How the encoder wants its input (model-contracts.md §4; SAM 2: stretched to 1024², ImageNet-normalised). */
  encoderLayout: 'nchw-preprocessed' | 'hwc-raw' | 'nchw-stretched' | 'unknown';
  /** The export family, told by the graphs' tensor names (models/sam-family.ts). */
  family: SamFamilyName;
}

export type { SubjectDetails } from './subject-folder-inspect.ts';
export type { UpscalerDetails } from './upscaler-folder-inspect.ts';
import type { TinyDecoderDetails } from './tiny-decoder-folder.ts';
export type { TinyDecoderDetails } from './tiny-decoder-folder.ts';

export interface ModelFolderReport {
  /** The folder, or the .onnx file itself for a single-file background-removal model or upscaler. */
  path: string;
  kind: 'diffusion' | 'tiny-decoder' | 'sam' | 'background-removal' | 'upscaler' | 'unknown';
  /** Short human label, e.g. "SD 1.x, epsilon, inpainting (9-channel UNet)". */
  variant: string;
  precision: Precision;
  sizeBytes: number;
  /** True when the folder is Tessera's synthetic demo pack. */
  synthetic: boolean;
  /** Demo folders only: the words its text encoder understands and what it paints (from `tessera_demo.json`). */
  demoPrompt?: { words: string[]; hint: string };
  diffusion?: DiffusionDetails;
  sam?: SamDetails;
  backgroundRemoval?: SubjectDetails;
  upscaler?: UpscalerDetails;
  tinyDecoder?: TinyDecoderDetails;
  problems: FolderProblem[];
  usable: boolean;
}
