// What every SamFamily does the same way: hand the encoder's work to its encoder wrapper and expose both sessions.
import type { Tensor } from '../core/tensor.ts';
import type { RgbImage } from '../image/rgb-image.ts';
import type { OnnxModel } from '../runtime/index.ts';
import type { ImageEmbedding } from './sam-family.ts';

export interface SamEncoderPart {
  readonly model: OnnxModel;
  prepareInput(image: RgbImage): Promise<Tensor<'float32'>>;
  encode(image: RgbImage, input?: Tensor<'float32'>): Promise<ImageEmbedding>;
}

export abstract class SamPairBase {
  abstract readonly encoder: SamEncoderPart;
  abstract readonly decoder: { readonly model: OnnxModel };

  get encoderModel(): OnnxModel {
    return this.encoder.model;
  }

  get decoderModel(): OnnxModel {
    return this.decoder.model;
  }

  prepareInput(image: RgbImage): Promise<Tensor<'float32'>> {
    return this.encoder.prepareInput(image);
  }

  encode(image: RgbImage, input?: Tensor<'float32'>): Promise<ImageEmbedding> {
    return this.encoder.encode(image, input);
  }
}
