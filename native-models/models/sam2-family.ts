// SAM 2 / 2.1 as a SamFamily: one encoder/decoder wrapper pair for every export family, told apart by layout.
import { StretchTransform } from '../core/geometry/stretch-transform.ts';
import type { Size } from '../core/geometry/resize-longest-side.ts';
import type { OnnxModel } from '../runtime/index.ts';
import { SamPairBase } from './sam-pair-base.ts';
import type { DecoderOutput, FramePrompt, ImageEmbedding, SamFamily } from './sam-family.ts';
import { Sam2Decoder } from './sam2-decoder.ts';
import { Sam2Encoder, SAM2_INPUT_SIZE } from './sam2-encoder.ts';
import type { Sam2Layout } from './sam2-layouts.ts';

export class Sam2Family extends SamPairBase implements SamFamily {
  readonly transform = new StretchTransform(SAM2_INPUT_SIZE);
  readonly encoder: Sam2Encoder;
  readonly decoder: Sam2Decoder;

  constructor(
    readonly layout: Sam2Layout,
    encoder: OnnxModel,
    decoder: OnnxModel,
  ) {
    super();
    this.encoder = new Sam2Encoder(encoder, layout);
    this.decoder = new Sam2Decoder(decoder, layout);
  }

  get name() {
    return this.layout.family;
  }

  get takesMaskInput(): boolean {
    return this.decoder.takesMaskInput;
  }

  /** The stretch covers the whole grid, whatever the aspect. */
  maskFrame(): Size {
    return { width: 256, height: 256 };
  }

  decode(embedding: ImageEmbedding, prompt: FramePrompt, original: Size, previousLowRes?: Float32Array): Promise<DecoderOutput> {
    return this.decoder.decode(embedding, prompt, original, this.takesMaskInput ? previousLowRes : undefined);
  }
}
