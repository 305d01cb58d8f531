// SAM 1 (official decoder export; samexporter / MobileSAM encoders) as a SamFamily: resize the longest side to
// 1024 and pad, prompts scaled by the same ResizeLongestSide transform, box corners as labels 2 and 3.
import { ResizeLongestSideTransform, resizeLongestSide, type Size } from '../core/geometry/resize-longest-side.ts';
import type { OnnxModel } from '../runtime/index.ts';
import { SamPairBase } from './sam-pair-base.ts';
import { SamDecoder, type ModelPoint } from './sam-decoder.ts';
import { SamEncoder } from './sam-encoder.ts';
import type { DecoderOutput, FramePrompt, ImageEmbedding, SamFamily } from './sam-family.ts';

export class Sam1Family extends SamPairBase implements SamFamily {
  readonly name = 'sam' as const;
  readonly transform = new ResizeLongestSideTransform(1024);
  readonly takesMaskInput = true;
  readonly encoder: SamEncoder;
  readonly decoder: SamDecoder;

  constructor(encoder: OnnxModel, decoder: OnnxModel) {
    super();
    this.encoder = new SamEncoder(encoder);
    this.decoder = new SamDecoder(decoder);
  }

  /** Long side 256, top-left: the padded 1024 frame at a quarter of its size. */
  maskFrame(original: Size): Size {
    return resizeLongestSide(original.width, original.height, 256);
  }

  async decode(embedding: ImageEmbedding, prompt: FramePrompt, original: Size, previousLowRes?: Float32Array): Promise<DecoderOutput> {
    const points: ModelPoint[] = [...prompt.points];
    if (prompt.box) {
      const [x0, y0, x1, y1] = prompt.box;
      points.push({ x: x0, y: y0, label: 2 }, { x: x1, y: y1, label: 3 });
    }
    const out = await this.decoder.decode(embedding, points, original, previousLowRes);
    // Multimask exports have 4 tokens: 0 is the single-mask answer, 1–3 the candidates (SamPredictor's rule).
    // A --return-single-mask export has one, which answers both requests.
    return { ...out, singleToken: 0, multimaskTokens: out.maskCount === 1 ? [0] : [1, 2, 3] };
  }
}
