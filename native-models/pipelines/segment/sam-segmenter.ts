// Click/box segmentation with Segment Anything: setImage once (encoder, cached), predict per prompt (decoder).
import fs from 'node:fs/promises';
import path from 'node:path';
import { TesseraError } from '../../api/errors.ts';
import type { BinaryMask, PixelBox } from '../../core/mask/binary-mask.ts';
import type { Size } from '../../core/geometry/resize-longest-side.ts';
import type { RgbImage } from '../../image/rgb-image.ts';
import { inspectModelFolder, readOnnxHeader, type SamDetails } from '../../models/index.ts';
import { createSamFamily } from '../../models/sam-family-factory.ts';
import type { FramePrompt, ImageEmbedding, SamFamily } from '../../models/sam-family.ts';
import type { Tensor } from '../../core/tensor.ts';
import { CpuContention, SessionCache, type GraphOptimizationLevel } from '../../runtime/index.ts';
import { decoderOptimizationLevel } from './decoder-optimization.ts';
import { EmbeddingCache, imageKey, type EmbeddingCacheOptions } from './embedding-cache.ts';
import { logitsToMask } from './logits-to-mask.ts';

export interface SegmentPoint {
  /** Original image pixels. */
  x: number;
  y: number;
  /** 1 = object (left click), 0 = not this (right click). */
  label: 0 | 1;
}

export interface SegmentBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface PredictRequest {
  points?: readonly SegmentPoint[];
  box?: SegmentBox;
  /** Low-res logits (256×256) of the previous prediction: fed back as mask_input to refine (families without a
   *  mask input, onnx-community's, re-run the prompt without it: see SamFamily.takesMaskInput). */
  previousMask?: Float32Array;
  /** Return the three multimask candidates (whole / part / sub-part) instead of the single-mask output. */
  multimask?: boolean;
}

export interface PredictedMask {
  /** 0/1 at the image size (logits > 0, SAM's mask_threshold). */
  mask: BinaryMask;
  /** The model's predicted IoU. */
  score: number;
  /** Foreground pixels of `mask`. */
  area: number;
  /** Tightest box around the foreground (image pixels); null for an empty mask. */
  box: PixelBox | null;
  /** [256, 256] logits for the next refinement. */
  lowResLogits: Float32Array;
  /** Image-size logits, for stability scores. */
  logits: Float32Array;
  /** Which decoder output produced it (SAM 1: 0 = single-mask output, 1–3 = multimask; a --return-single-mask
   *  export has one output, reported as 0. SAM 2 exports: 0–2 are the three candidates). */
  token: number;
}

export interface PredictResult {
  /** Sorted by score, best first (one mask unless multimask). */
  masks: PredictedMask[];
  best: PredictedMask;
}

/** An image with its cache key and encoder input made ahead of setImage (see SamSegmenter.prepareImage). */
export interface PreparedSamImage {
  readonly image: RgbImage;
  readonly key: string;
  readonly input: Tensor<'float32'>;
}

export interface SamSegmenterOptions extends EmbeddingCacheOptions {
  sessions?: SessionCache;
  /** Asked before each prediction: are other processes keeping the CPUs busy? (default: runtime's CpuContention); tests pass their own. */
  cpusBusy?: () => boolean;
}

/** How the decoder's session was opened: its path and settings, so that its second form opens the same way. */
interface DecoderSessions {
  readonly sessions: SessionCache;
  readonly path: string;
  readonly graphOptimizationLevel: GraphOptimizationLevel;
  readonly details: Pick<SamDetails, 'family'>;
}

function checkInside(what: string, x: number, y: number, size: Size): void {
  if (!Number.isFinite(x) || !Number.isFinite(y) || x < 0 || y < 0 || x > size.width || y > size.height) {
    throw new TesseraError('INVALID_ARGUMENT', `${what} (${x}, ${y}) is outside the image: expected 0 ≤ x ≤ ${size.width}, 0 ≤ y ≤ ${size.height}`);
  }
}

export class SamSegmenter {
  private current: { image: RgbImage; embedding: ImageEmbedding } | undefined;
  /** The same pair with a decoder session whose threads do not spin (opened at the first click on a busy machine). */
  private busyFamily: Promise<SamFamily> | undefined;

  private constructor(
    readonly dir: string,
    /** The export family's encoder/decoder pair (SAM 1 or a SAM 2 family). */
    readonly family: SamFamily,
    readonly cache: EmbeddingCache,
    /** Sessions this segmenter created itself (released with it); shared caches are left to their owner. */
    private readonly ownSessions: SessionCache | undefined,
    private readonly decoderSessions: DecoderSessions,
    private readonly isBusy: () => boolean,
  ) {}

  /** Opens a SAM folder (encoder + decoder .onnx pair found by their inputs); an unusable folder is one clear error. */
  static async open(dir: string, options: SamSegmenterOptions = {}): Promise<SamSegmenter> {
    const report = await inspectModelFolder(dir);
    if (report.kind !== 'sam' || !report.sam || !report.usable) {
      const why = report.problems.map((p) => p.message).join('; ') || `it is a ${report.kind} model`;
      throw new TesseraError('MODEL_INVALID', `${dir}: not a usable Segment Anything folder (${why})`);
    }
    const sessions = options.sessions ?? new SessionCache();
    const encoderPath = path.join(dir, report.sam.encoderFile);
    const decoderPath = path.join(dir, report.sam.decoderFile);
    // The decoder runs on every click: it gets the optimisation level that measured fastest for its kind.
    const decoderLevel = decoderOptimizationLevel(await readOnnxHeader(decoderPath));
    const [encoderModel, decoderModel, stat] = await Promise.all([sessions.get(encoderPath), sessions.get(decoderPath, { graphOptimizationLevel: decoderLevel }), fs.stat(encoderPath)]);
    const modelKey = `${path.resolve(encoderPath)}:${stat.size}:${stat.mtimeMs}`;
    const family = createSamFamily(report.sam, encoderModel, decoderModel);
    const decoderSessions = { sessions, path: decoderPath, graphOptimizationLevel: decoderLevel, details: report.sam };
    const contention = new CpuContention();
    const isBusy = options.cpusBusy ?? (() => contention.othersBusy());
    return new SamSegmenter(dir, family, new EmbeddingCache(modelKey, options), options.sessions ? undefined : sessions, decoderSessions, isBusy);
  }

  /**
   * The CPU half of setImage (hash, resize, normalise) without the encoder run, so that a pipeline can do it
   * for the next image while the models work on this one. Wasted work if the embedding turns out cached.
   */
  async prepareImage(image: RgbImage): Promise<PreparedSamImage> {
    return { image, key: imageKey(image), input: await this.family.prepareInput(image) };
  }

  /** Encodes (or finds in the cache) the image's embedding; later predictions use it. */
  async setImage(source: RgbImage | PreparedSamImage): Promise<void> {
    const prepared = 'input' in source ? source : undefined;
    const image = prepared ? prepared.image : (source as RgbImage);
    const embedding = await this.cache.get(prepared?.key ?? imageKey(image), () => this.family.encode(image, prepared?.input));
    this.current = { image, embedding };
  }

  /** Warms the cache for images the user is likely to open next (a folder's next files). */
  async preEncode(images: readonly RgbImage[]): Promise<void> {
    for (const image of images) await this.cache.get(imageKey(image), () => this.family.encode(image));
  }

  get imageSize(): Size | undefined {
    return this.current ? { width: this.current.image.width, height: this.current.image.height } : undefined;
  }

  async predict(request: PredictRequest): Promise<PredictResult> {
    if (!this.current) throw new TesseraError('INVALID_ARGUMENT', 'predict: no image set (call setImage first)');
    const size = { width: this.current.image.width, height: this.current.image.height };
    const points = request.points ?? [];
    if (points.length === 0 && !request.box) throw new TesseraError('INVALID_ARGUMENT', 'predict: got no points and no box, expected at least one prompt');
    points.forEach((p, i) => {
      checkInside(`point ${i + 1}`, p.x, p.y, size);
      if (p.label !== 0 && p.label !== 1) throw new TesseraError('INVALID_ARGUMENT', `point ${i + 1}: label ${String(p.label)}, expected 1 (positive) or 0 (negative)`);
    });
    const transform = this.family.transform;
    const prompt: FramePrompt = { points: transform.applyCoords(points, size).map((p, i) => ({ ...p, label: points[i]!.label })) };
    if (request.box) {
      const { x0, y0, x1, y1 } = request.box;
      checkInside('box corner', x0, y0, size);
      checkInside('box corner', x1, y1, size);
      if (!(x1 > x0 && y1 > y0)) throw new TesseraError('INVALID_ARGUMENT', `box: got (${x0}, ${y0})–(${x1}, ${y1}), expected x0 < x1 and y0 < y1`);
      prompt.box = transform.applyBoxes([[x0, y0, x1, y1]], size)[0];
    }
    const out = await (await this.familyForClick()).decode(this.current.embedding, prompt, size, request.previousMask);
    const pixels = size.width * size.height;
    const lowResSize = 256 * 256;
    // The family says which outputs answer a single-mask and a multimask request. Only the chosen ones are
    // thresholded (area and box in the same pass): a click's latency includes this walk over full-size masks.
    const tokens = request.multimask ? out.multimaskTokens : [out.singleToken];
    const masks: PredictedMask[] = tokens.map((token) => {
      const logits = out.masks.subarray(token * pixels, (token + 1) * pixels);
      const { mask, area, box } = logitsToMask(logits, size.width, size.height);
      return { mask, area, box, score: out.scores[token]!, lowResLogits: out.lowRes.slice(token * lowResSize, (token + 1) * lowResSize), logits, token };
    });
    masks.sort((a, b) => b.score - a.score);
    return { masks, best: masks[0]! };
  }

  /**
   * The decoder for this click. ONNX Runtime's threads spin between parallel sections by default, which is fastest
   * on free cores; when other processes already keep every core busy, a spinning thread takes the core its sibling
   * needs, and the click ran ≈ 1.6× faster (p50 and p95) with a non-spinning session on a loaded 2-core VM
   * (BENCHMARKS.md, "Click latency"). Busy = other processes used half the CPU time since the last click
   * (runtime's CpuContention). Both sessions compute the same masks bit for bit.
   */
  private familyForClick(): SamFamily | Promise<SamFamily> {
    if (!this.isBusy()) return this.family;
    const d = this.decoderSessions;
    this.busyFamily ??= d.sessions
      .get(d.path, { graphOptimizationLevel: d.graphOptimizationLevel, intraOpSpinning: false })
      .then((decoder) => createSamFamily(d.details, this.family.encoderModel, decoder))
      .catch((error: unknown) => {
        this.busyFamily = undefined; // the next busy click tries again
        throw error;
      });
    return this.busyFamily;
  }

  async release(): Promise<void> {
    this.current = undefined;
    await this.ownSessions?.releaseAll();
  }
}
