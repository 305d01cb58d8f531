// The SAM 2 / 2.1 prompt decoder, any export family (layout in sam2-layouts.ts): feeds the three encoder
// features and the prompts under the family's names and dtypes, and upsamples the 256×256 low-res logits to
// the original size (the stretch makes the low-res grid cover the whole image, so no crop).
import { TesseraError } from '../api/errors.ts';
import type { Size } from '../core/geometry/resize-longest-side.ts';
import { resizeLogitsBilinear } from '../core/mask/resize-logits.ts';
import { makeTensor, type Tensor } from '../core/tensor.ts';
import type { OnnxModel } from '../runtime/index.ts';
import { featureNamed, type DecoderOutput, type FramePrompt, type ImageEmbedding } from './sam-family.ts';
import { ORIGINAL_SIZE_INPUTS, type Sam2Layout } from './sam2-layouts.ts';

const LOW_RES = 256;
const NO_MASK_INPUT = new Float32Array(LOW_RES * LOW_RES);

/** An integer or float tensor of `values`, in the dtype the graph declares for `name`. */
function numericFeed(model: OnnxModel, name: string, values: readonly number[], dims: number[]): Tensor {
  const type = model.input(name)?.type;
  if (type === 'int64') return makeTensor('int64', BigInt64Array.from(values, (v) => BigInt(v)), dims);
  if (type === 'int32') return makeTensor('int32', Int32Array.from(values), dims);
  if (type === 'float32') return makeTensor('float32', Float32Array.from(values), dims);
  throw new TesseraError('MODEL_INVALID', `${model.path}: input "${name}" is ${type ?? 'missing'}, expected float32, int32 or int64`);
}

export class Sam2Decoder {
  constructor(
    readonly model: OnnxModel,
    readonly layout: Sam2Layout,
  ) {}

  get takesMaskInput(): boolean {
    return this.layout.decoder.mask !== undefined;
  }

  async decode(embedding: ImageEmbedding, prompt: FramePrompt, original: Size, previousLowRes?: Float32Array): Promise<DecoderOutput> {
    const d = this.layout.decoder;
    if (previousLowRes && previousLowRes.length !== LOW_RES * LOW_RES) {
      throw new TesseraError('INVALID_ARGUMENT', `previous mask: got ${previousLowRes.length} values, expected ${LOW_RES}×${LOW_RES} low-res logits`);
    }
    // Box corners go first, as SAM2ImagePredictor concatenates them, unless the family has a box input.
    const corners = prompt.box && !d.boxes ? [{ x: prompt.box[0], y: prompt.box[1], label: 2 }, { x: prompt.box[2], y: prompt.box[3], label: 3 }] : [];
    const points = [...corners, ...prompt.points];
    const pointDims = d.pointsRank === 4 ? [1, 1, points.length] : [1, points.length];
    const feeds: Record<string, Tensor> = {
      [d.points]: makeTensor('float32', Float32Array.from(points.flatMap((p) => [p.x, p.y])), [...pointDims, 2]),
      [d.labels]: numericFeed(this.model, d.labels, points.map((p) => p.label), pointDims),
    };
    this.layout.decoder.features.forEach((name, i) => {
      const f = featureNamed(embedding, this.layout.encoder.features[i]!);
      feeds[name] = makeTensor('float32', f.data, f.dims);
    });
    if (d.boxes) feeds[d.boxes] = makeTensor('float32', Float32Array.from(prompt.box ?? []), [1, prompt.box ? 1 : 0, 4]);
    if (d.mask) {
      feeds[d.mask.input] = makeTensor('float32', previousLowRes ?? NO_MASK_INPUT, [1, 1, LOW_RES, LOW_RES]);
      feeds[d.mask.has] = makeTensor('float32', Float32Array.of(previousLowRes ? 1 : 0), [1]);
    }
    const sizeInput = ORIGINAL_SIZE_INPUTS.find((n) => this.model.input(n));
    if (sizeInput) feeds[sizeInput] = numericFeed(this.model, sizeInput, [original.height, original.width], [2]);

    const out = await this.model.run(feeds);
    const lowRes = out[d.lowRes];
    const scores = out[d.scores];
    if (!lowRes || lowRes.type !== 'float32' || !scores || scores.type !== 'float32') {
      throw new TesseraError('MODEL_INVALID', `${this.model.path}: expected float32 outputs ${d.lowRes} and ${d.scores}, got ${Object.keys(out).join(', ')}`);
    }
    const dims = lowRes.dims;
    const [h, w] = [dims[dims.length - 2]!, dims[dims.length - 1]!];
    const maskCount = dims[dims.length - 3]!;
    if (h !== LOW_RES || w !== LOW_RES) throw new TesseraError('TENSOR_MISMATCH', `${this.model.path}: ${d.lowRes} is ${w}×${h}, expected ${LOW_RES}×${LOW_RES} low-res logits`);
    const scoreList = Array.from(scores.data as Float32Array);
    const low = lowRes.data as Float32Array;
    // Every SAM 2 export drops the single-mask token (or picks one by stability): with 3 candidates the
    // single-mask answer is the best-scored one, as X-AnyLabeling and SAM2ImagePredictor users pick it.
    const best = scoreList.indexOf(Math.max(...scoreList));
    return {
      masks: resizeLogitsBilinear(low, maskCount, LOW_RES, LOW_RES, original.width, original.height),
      scores: scoreList,
      lowRes: low,
      maskCount,
      singleToken: maskCount === 1 ? 0 : best,
      multimaskTokens: Array.from({ length: maskCount }, (_, i) => i),
    };
  }
}
