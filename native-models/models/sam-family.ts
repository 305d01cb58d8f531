// What the segmenter drives, whatever the export family: an encoder/decoder pair behind one interface. SAM 1
// (official decoder + samexporter/MobileSAM encoders) and the SAM 2.1 families are modules implementing it.
import { TesseraError } from '../api/errors.ts';
import type { SAM_FAMILY_NAMES } from '../api/model-schemas.ts';
import type { PromptTransform } from '../core/geometry/stretch-transform.ts';
import type { Size } from '../core/geometry/resize-longest-side.ts';
import type { Tensor } from '../core/tensor.ts';
import type { RgbImage } from '../image/rgb-image.ts';
import type { OnnxModel } from '../runtime/index.ts';

/** The export families Tessera recognises; `models check` names them. */
export type SamFamilyName = (typeof SAM_FAMILY_NAMES)[number];

/** One named encoder output, float32, kept verbatim (ONNX name and dims). */
export interface FeatureTensor {
  name: string;
  data: Float32Array;
  dims: number[];
}

/** Everything the encoder produced for one image: SAM 1 has one tensor, SAM 2 three (two high-res levels). */
export interface ImageEmbedding {
  features: FeatureTensor[];
}

export function featureNamed(embedding: ImageEmbedding, name: string): FeatureTensor {
  const found = embedding.features.find((f) => f.name === name);
  if (!found) throw new TesseraError('TENSOR_MISMATCH', `image embedding: no "${name}" feature, got ${embedding.features.map((f) => f.name).join(', ')}`);
  return found;
}

/** A prompt point in the encoder's 1024 frame; label 1 positive, 0 negative. */
export interface FramePoint {
  x: number;
  y: number;
  label: 0 | 1;
}

/** Prompts already mapped into the encoder frame by the family's transform. */
export interface FramePrompt {
  points: FramePoint[];
  /** [x0, y0, x1, y1] in the encoder frame. */
  box?: [number, number, number, number];
}

export interface DecoderOutput {
  /** [M, H, W] logits at the original image size. */
  masks: Float32Array;
  scores: number[];
  /** [M, 256, 256] logits, reusable as the next prompt's mask input. */
  lowRes: Float32Array;
  maskCount: number;
  /** Output index answering a single-mask request. */
  singleToken: number;
  /** Output indices of the multimask candidates (one entry when the export has a single mask). */
  multimaskTokens: number[];
}

export interface SamFamily {
  readonly name: SamFamilyName;
  /** Maps prompts from image pixels into the encoder frame, as the family's preprocessing maps the image. */
  readonly transform: PromptTransform;
  /** Where an image of this size lies in the 256×256 low-res mask grid (a mask prompt must be drawn there). */
  maskFrame(original: Size): Size;
  /** False where the decoder has no mask input (a previous mask cannot refine the next prediction). */
  readonly takesMaskInput: boolean;
  readonly encoderModel: OnnxModel;
  readonly decoderModel: OnnxModel;
  /** The encoder's input for an image (resize, normalise): CPU work a pipeline may do ahead of the run. */
  prepareInput(image: RgbImage): Promise<Tensor<'float32'>>;
  encode(image: RgbImage, input?: Tensor<'float32'>): Promise<ImageEmbedding>;
  decode(embedding: ImageEmbedding, prompt: FramePrompt, original: Size, previousLowRes?: Float32Array): Promise<DecoderOutput>;
}
