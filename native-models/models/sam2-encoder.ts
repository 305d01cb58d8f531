// The SAM 2 / 2.1 image encoder, any export family: stretch to 1024×1024 (no aspect kept, no padding — sam2
// SAM2Transforms), RGB /255, ImageNet mean/std, NCHW; returns the three feature maps under their ONNX names.
import { TesseraError } from '../api/errors.ts';
import { makeTensor, type Tensor } from '../core/tensor.ts';
import { resizeImage } from '../image/resize-image.ts';
import type { RgbImage } from '../image/rgb-image.ts';
import type { OnnxModel } from '../runtime/index.ts';
import type { ImageEmbedding } from './sam-family.ts';
import type { Sam2Layout } from './sam2-layouts.ts';

/** torchvision Normalize in SAM2Transforms (on 0–1 values). */
const IMAGENET_MEAN = [0.485, 0.456, 0.406];
const IMAGENET_STD = [0.229, 0.224, 0.225];
export const SAM2_INPUT_SIZE = 1024;

/** [1, 3, size, size] float32 of an RGB image already at size×size: (x/255 − mean)/std per channel plane. */
export function imagenetNchw(square: RgbImage, size = SAM2_INPUT_SIZE): Float32Array {
  const out = new Float32Array(3 * size * size);
  const plane = size * size;
  const step = square.channels;
  for (let c = 0; c < 3; c++) {
    const scale = 1 / (255 * IMAGENET_STD[c]!);
    const offset = -IMAGENET_MEAN[c]! / IMAGENET_STD[c]!;
    for (let i = 0, src = c; i < plane; i++, src += step) out[c * plane + i] = square.data[src]! * scale + offset;
  }
  return out;
}

export class Sam2Encoder {
  constructor(
    readonly model: OnnxModel,
    readonly layout: Sam2Layout,
  ) {}

  async prepareInput(image: RgbImage): Promise<Tensor<'float32'>> {
    const square = image.width === SAM2_INPUT_SIZE && image.height === SAM2_INPUT_SIZE ? image : await resizeImage(image, SAM2_INPUT_SIZE, SAM2_INPUT_SIZE, 'linear');
    return makeTensor('float32', imagenetNchw(square), [1, 3, SAM2_INPUT_SIZE, SAM2_INPUT_SIZE]);
  }

  async encode(image: RgbImage, input?: Tensor<'float32'>): Promise<ImageEmbedding> {
    const feed = input ?? (await this.prepareInput(image));
    const out = await this.model.run({ [this.layout.encoder.input]: feed });
    const features = this.layout.encoder.features.map((name) => {
      const t = out[name];
      if (!t || t.type !== 'float32') {
        throw new TesseraError('MODEL_INVALID', `${this.model.path}: expected a float32 "${name}" output (SAM 2 ${this.layout.family} encoder), got ${t?.type ?? 'none'}`);
      }
      return { name, data: t.data as Float32Array, dims: [...t.dims] };
    });
    return { features };
  }
}
