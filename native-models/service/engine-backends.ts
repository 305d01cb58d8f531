// The narrow seam between the service (queues, ids, events) and the engine (pipelines, sessions). The service
// calls only this interface; tests substitute fakes.
import path from 'node:path';
import { decodeMask } from '../image/decode-mask.ts';
import { decodeRgb } from '../image/decode-image.ts';
import { encodeGrayPng, encodeMaskPng, encodePng } from '../image/encode-png.ts';
import { maskArea, maskBoundingBox } from '../core/mask/binary-mask.ts';
import { DiffusionModel, encodeGeneratedPng, parametersOf, runGeneration, type FullGenerationRequest, type HiresImageUpscaler, hiresUpscalerOf } from '../pipelines/diffusion/index.ts';
import { SamSegmenter } from '../pipelines/segment/sam-segmenter.ts';
import { segmentEverything } from '../pipelines/segment/segment-everything.ts';
import { maskToPolygons } from '../core/mask/mask-polygons.ts';
import { SubjectSegmenter } from '../pipelines/subject/subject-segmenter.ts';
import { ImageUpscaler } from '../pipelines/upscale/image-upscaler.ts';
import { alphaMaskPrompt } from '../pipelines/subject/sam-refine.ts';
import { TesseraError } from '../api/errors.ts';
import type { GrayImage } from '../image/rgb-image.ts';
import { SessionCache } from '../runtime/index.ts';
import type { RgbImage } from '../image/rgb-image.ts';
import type { EverythingOptionValues, SegmentEverythingResult } from '../api/segment-everything-schemas.ts';
import type { EncodedImage, GenerateRequest, GeneratedImageData, GenerationProgressEvent, SegmentRequest, SegmentResult, SegmentSubjectResult, UpscaleImageResult } from '../api/index.ts';
import { inspectModelFolder, type ModelFolderReport } from '../models/index.ts';
import type { ConcreteProvider } from '../runtime/index.ts';

/** A generation job as the engine gets it: image refs resolved to bytes, the model's folder and provider. */
export interface GenerationJob extends Omit<GenerateRequest, 'initImage' | 'mask' | 'modelId'> {
  modelDir: string;
  provider: ConcreteProvider | 'auto';
  initImage?: EncodedImage;
  mask?: EncodedImage;
  /** The folder of the upscaler model hires.upscaler names (absent for the built-in upscalers). */
  hiresUpscalerDir?: string;
  /** The folder of the model refiner.model names. */
  refinerDir?: string;
}

export type GenerationStep = Omit<GenerationProgressEvent, 'jobId'>;

export interface GenerationHooks {
  onProgress: (progress: GenerationStep) => void;
  /** Aborted by cancel(jobId); the engine stops within a step and rejects with CANCELLED. */
  signal: AbortSignal;
  /** Awaited for each image as soon as it is encoded, in order: the service records it there (a cancel later keeps it). */
  onImage: (output: GeneratedImageOutput) => Promise<void>;
}

/** A result before the service names it (imageId is added by the service's image store). */
export type GeneratedImageOutput = Omit<GeneratedImageData, 'imageId'>;

/**
 * zlib level of the mask PNGs a click returns: a 0/255 mask compresses about as well at level 1 as at 6, and the
 * encode is on every click's path (measured in BENCHMARKS.md, "Click latency").
 */
const MASK_PNG_LEVEL = 1;

export interface SegmentationJob extends Omit<SegmentRequest, 'image' | 'modelId'> {
  modelDir: string;
  provider: ConcreteProvider | 'auto';
  /** Stable per image: the engine's embedding cache key (the same image → the same id). */
  imageId: string;
  image: EncodedImage;
}

export type SegmentationOutput = Omit<SegmentResult, 'imageId'>;

/** Segment everything on one image with SAM (options: EVERYTHING_DEFAULTS applied by the schema). */
export interface EverythingJob extends EverythingOptionValues {
  modelDir: string;
  provider: ConcreteProvider | 'auto';
  imageId: string;
  image: EncodedImage;
}

export type EverythingOutput = Omit<SegmentEverythingResult, 'imageId'>;

/** A click-free subject request: the image and the background-removal model. */
export interface SubjectJob {
  modelDir: string;
  provider: ConcreteProvider | 'auto';
  imageId: string;
  image: EncodedImage;
}

export type SubjectOutput = Omit<SegmentSubjectResult, 'imageId'>;

/** An image for an upscaler model, with the tile options (defaults: UPSCALE_DEFAULTS). */
export interface UpscaleJob {
  modelDir: string;
  provider: ConcreteProvider | 'auto';
  imageId: string;
  image: EncodedImage;
  tile?: number;
  overlap?: number;
}

export type UpscaleOutput = Omit<UpscaleImageResult, 'imageId' | 'upscaledImageId' | 'historyId'>;

/** Background encoding of an image whose first click should be instant (the embedding cache keeps it). */
export interface PreEncodeJob {
  modelDir: string;
  provider: ConcreteProvider | 'auto';
  imageId: string;
  image: EncodedImage;
}

export interface EngineBackends {
  inspectModel(dir: string): Promise<ModelFolderReport>;
  generate(job: GenerationJob, hooks: GenerationHooks): Promise<GeneratedImageOutput[]>;
  segment(job: SegmentationJob): Promise<SegmentationOutput>;
  /** The main subject with a background-removal model (no clicks). */
  segmentSubject(job: SubjectJob): Promise<SubjectOutput>;
  /** Every object SAM finds from a grid of points (the CLI's `segment --everything`). */
  segmentEverything(job: EverythingJob): Promise<EverythingOutput>;
  /** The image upscaled by an upscaler model. */
  upscaleImage(job: UpscaleJob): Promise<UpscaleOutput>;
  /** Runs the SAM encoder on the image unless its embedding is cached; answers the decoded size. */
  preEncode(job: PreEncodeJob): Promise<{ width: number; height: number }>;
  /** Releases sessions for a folder that was deleted or replaced. */
  forgetModel(dir: string): Promise<void>;
  /** New session options (settings: threads, low-memory mode); the next job opens its sessions with them. */
  configure?(options: EngineOptions): Promise<void>;
  dispose(): Promise<void>;
}

/** A grey mask PNG's first channel, checked to be the image's size. */
async function decodeGrayMask(mask: EncodedImage, imageId: string, image: RgbImage): Promise<GrayImage> {
  const rgb = await decodeRgb(fromBase64(mask), { name: `mask prompt for ${imageId}` });
  if (rgb.width !== image.width || rgb.height !== image.height) {
    throw new TesseraError('INVALID_ARGUMENT', `mask prompt: got ${rgb.width}x${rgb.height}, expected ${image.width}x${image.height} (the image size)`);
  }
  const data = new Uint8Array(rgb.width * rgb.height);
  for (let i = 0; i < data.length; i++) data[i] = rgb.data[i * rgb.channels]!;
  return { width: rgb.width, height: rgb.height, data };
}

function toBase64Png(png: Uint8Array): EncodedImage {
  return { mimeType: 'image/png', base64: Buffer.from(png).toString('base64') };
}

function fromBase64(image: EncodedImage): Buffer {
  return Buffer.from(image.base64, 'base64');
}

/** Session options the settings control. */
export interface EngineOptions {
  /** Intra-op threads; 0 lets ONNX Runtime choose. */
  threads: number;
  lowMemory: boolean;
}

type RefinerPair = Awaited<ReturnType<typeof DiffusionModel.openWithRefiner>>;

/** The engine behind the service: models opened once per folder and provider, sessions shared. */
export class EngineBackendsImpl implements EngineBackends {
  private sessionCaches = new Map<string, SessionCache>();
  private diffusion = new Map<string, Promise<DiffusionModel>>();
  /** Base models opened with their refiner, guarded as one (DiffusionModel.openWithRefiner), by [provider, base, refiner]. */
  private refinerPairs = new Map<string, Promise<RefinerPair>>();
  private segmenters = new Map<string, Promise<SamSegmenter>>();
  private subjectSegmenters = new Map<string, Promise<SubjectSegmenter>>();
  private upscalers = new Map<string, Promise<ImageUpscaler>>();
  /** The image clicked on last, decoded: every click on it would otherwise decode the whole image again. */
  private clicked: { imageId: string; image: Promise<RgbImage> } | null = null;
  /** Engine calls in progress; sessions replaced by configure() are released once none is left. */
  private active = 0;
  private retired: (() => Promise<void>)[] = [];

  constructor(private options: { threads?: number; lowMemory?: boolean; embeddingCacheDir?: string; /** The memory guard's free-RAM reading (tests inject one). */ availableMemoryBytes?: () => number } = {}) {}

  async configure(options: EngineOptions): Promise<void> {
    if (options.threads === (this.options.threads ?? 0) && options.lowMemory === (this.options.lowMemory ?? false)) return;
    this.options = { ...this.options, ...options };
    // Models and sessions opened with the old options serve the calls running now, then are released.
    const caches = [...this.sessionCaches.values()];
    this.sessionCaches = new Map();
    this.diffusion = new Map();
    this.refinerPairs = new Map();
    this.segmenters = new Map();
    this.subjectSegmenters = new Map();
    this.upscalers = new Map();
    this.retired.push(() => Promise.all(caches.map((c) => c.releaseAll())).then(() => undefined));
    await this.releaseRetired();
  }

  /** Runs an engine call, counting it so configure() never releases sessions under it. */
  private async tracked<T>(call: () => Promise<T>): Promise<T> {
    this.active++;
    try {
      return await call();
    } finally {
      this.active--;
      await this.releaseRetired();
    }
  }

  private async releaseRetired(): Promise<void> {
    if (this.active > 0) return;
    const release = this.retired;
    this.retired = [];
    for (const r of release) await r();
  }

  inspectModel(dir: string): Promise<ModelFolderReport> {
    return inspectModelFolder(dir);
  }

  private sessions(provider: ConcreteProvider | 'auto'): SessionCache {
    let cache = this.sessionCaches.get(provider);
    if (!cache) {
      cache = new SessionCache({ provider, threads: this.options.threads, lowMemory: this.options.lowMemory });
      this.sessionCaches.set(provider, cache);
    }
    return cache;
  }

  /** One opened model per (folder, provider); a failed open is forgotten so a fixed folder can be retried. */
  private cached<T>(map: Map<string, Promise<T>>, key: string, open: () => Promise<T>): Promise<T> {
    let pending = map.get(key);
    if (!pending) {
      pending = open();
      pending.catch(() => map.delete(key));
      map.set(key, pending);
    }
    return pending;
  }

  generate(job: GenerationJob, hooks: GenerationHooks): Promise<GeneratedImageOutput[]> {
    return this.tracked(() => this.runGeneration(job, hooks));
  }

  private async runGeneration(job: GenerationJob, hooks: GenerationHooks): Promise<GeneratedImageOutput[]> {
    // With a refiner both models are open for the whole generation: the guard decides for the two together.
    const { model, refiner: refinerModel } = job.refinerDir ? await this.refinerPair(job.modelDir, job.refinerDir, job.provider) : { model: await this.diffusionModel(job.modelDir, job.provider), refiner: undefined };
    const memoryNotice = model.memory.warning;
    const initImage = job.initImage ? await decodeRgb(fromBase64(job.initImage), { name: 'init image' }) : undefined;
    const mask = job.mask ? await decodeMask(fromBase64(job.mask), initImage, { name: 'mask' }) : undefined;
    const request: FullGenerationRequest = {
      prompt: job.prompt,
      negativePrompt: job.negativePrompt,
      scheduler: job.scheduler,
      steps: job.steps,
      guidance: job.guidance,
      seed: job.seed,
      width: job.width,
      height: job.height,
      initImage,
      strength: job.strength,
      mask,
      previewEvery: job.previewEvery,
      outpaint: job.outpaint,
      hires: job.hires,
      fastDecode: job.fastDecode,
      ...(job.refiner && job.refinerDir ? { refiner: { title: path.basename(job.refinerDir), switchAt: job.refiner.switchAt } } : {}),
    };
    const modelName = path.basename(job.modelDir);
    const outputs: GeneratedImageOutput[] = [];
    await runGeneration(model, request, {
      count: job.count,
      signal: hooks.signal,
      onProgress: async (p) => {
        const { preview, ...rest } = p;
        hooks.onProgress({ ...rest, ...(preview ? { preview: toBase64Png(await encodePng(preview)) } : {}), ...(memoryNotice ? { memoryNotice } : {}) });
      },
      onImage: async (r) => {
        const output: GeneratedImageOutput = {
          image: toBase64Png(await encodeGeneratedPng(r, parametersOf(request, r, modelName))),
          width: r.image.width,
          height: r.image.height,
          seed: r.seed,
          scheduler: r.scheduler,
          stepsRun: r.stepsRun,
        };
        outputs.push(output);
        await hooks.onImage(output);
      },
    }, { hiresUpscaler: job.hiresUpscalerDir ? await this.hiresUpscaler(job.hiresUpscalerDir, job.provider) : undefined, refinerModel });
    return outputs;
  }

  private diffusionModel(modelDir: string, provider: ConcreteProvider | 'auto'): Promise<DiffusionModel> {
    return this.cached(this.diffusion, `${provider}:${modelDir}`, () =>
      DiffusionModel.open(modelDir, this.sessions(provider), { availableBytes: this.options.availableMemoryBytes?.() }),
    );
  }

  private refinerPair(baseDir: string, refinerDir: string, provider: ConcreteProvider | 'auto'): Promise<RefinerPair> {
    return this.cached(this.refinerPairs, JSON.stringify([provider, baseDir, refinerDir]), () =>
      DiffusionModel.openWithRefiner(baseDir, refinerDir, this.sessions(provider), { availableBytes: this.options.availableMemoryBytes?.() }),
    );
  }

  /** The named upscaler model as hires fix's image-space upscaler (opened once, as upscaleImage opens it). */
  private async hiresUpscaler(modelDir: string, provider: ConcreteProvider | 'auto'): Promise<HiresImageUpscaler> {
    return hiresUpscalerOf(await this.imageUpscaler(modelDir, provider));
  }

  private imageUpscaler(modelDir: string, provider: ConcreteProvider | 'auto'): Promise<ImageUpscaler> {
    return this.cached(this.upscalers, `${provider}:${modelDir}`, () => ImageUpscaler.open(modelDir, { sessions: this.sessions(provider) }));
  }

  private segmenter(job: { provider: ConcreteProvider | 'auto'; modelDir: string }): Promise<SamSegmenter> {
    return this.cached(this.segmenters, `${job.provider}:${job.modelDir}`, () =>
      SamSegmenter.open(job.modelDir, { sessions: this.sessions(job.provider), dir: this.options.embeddingCacheDir }),
    );
  }

  segment(job: SegmentationJob): Promise<SegmentationOutput> {
    return this.tracked(() => this.runSegmentation(job));
  }

  private async runSegmentation(job: SegmentationJob): Promise<SegmentationOutput> {
    const segmenter = await this.segmenter(job);
    const image = await this.clickedImage(job);
    await segmenter.setImage(image);
    // A selection to refine (the Studio's "Select subject" mask) goes in as SAM's low-res mask prompt.
    const alpha = job.maskPrompt ? await decodeGrayMask(job.maskPrompt, job.imageId, image) : undefined;
    const previousMask = alpha ? await alphaMaskPrompt(alpha, segmenter.family.maskFrame(alpha)) : undefined;
    const result = await segmenter.predict({ points: job.points, box: job.box, multimask: job.multimask, previousMask });
    return {
      width: image.width,
      height: image.height,
      masks: await Promise.all(
        result.masks.map(async ({ mask, score, token, area, box }) => ({
          mask: toBase64Png(await encodeMaskPng(mask, { compressionLevel: MASK_PNG_LEVEL })),
          score,
          token,
          area,
          bbox: box ? { x0: box.x, y0: box.y, x1: box.x + box.width, y1: box.y + box.height } : null,
        })),
      ),
    };
  }

  segmentEverything(job: EverythingJob): Promise<EverythingOutput> {
    return this.tracked(async () => {
      const { modelDir: _d, provider: _p, imageId: _i, image: _img, ...options } = job;
      const segmenter = await this.segmenter(job);
      const image = await this.clickedImage(job);
      await segmenter.setImage(image);
      const found = await segmentEverything(segmenter, options);
      const regions = await Promise.all(
        found.map(async (m) => ({
          mask: toBase64Png(await encodeMaskPng(m.mask, { compressionLevel: MASK_PNG_LEVEL })),
          outline: maskToPolygons(m.mask, { tolerance: 1 }),
          score: m.score,
          stability: m.stability,
          area: m.area,
          bbox: { x0: m.box.x, y0: m.box.y, x1: m.box.x + m.box.width, y1: m.box.y + m.box.height },
        })),
      );
      return { width: image.width, height: image.height, regions };
    });
  }

  segmentSubject(job: SubjectJob): Promise<SubjectOutput> {
    return this.tracked(async () => {
      const segmenter = await this.cached(this.subjectSegmenters, `${job.provider}:${job.modelDir}`, () => SubjectSegmenter.open(job.modelDir, { sessions: this.sessions(job.provider) }));
      const image = await this.clickedImage(job);
      const subject = await segmenter.cutOut(image);
      const box = maskBoundingBox(subject.mask);
      return {
        width: image.width,
        height: image.height,
        mask: toBase64Png(await encodeGrayPng(subject.alpha, { compressionLevel: MASK_PNG_LEVEL })),
        confidence: subject.confidence,
        clearShare: subject.clearShare,
        mainShare: subject.mainShare,
        area: maskArea(subject.mask),
        bbox: box ? { x0: box.x, y0: box.y, x1: box.x + box.width, y1: box.y + box.height } : null,
        family: segmenter.details.family,
      };
    });
  }

  upscaleImage(job: UpscaleJob): Promise<UpscaleOutput> {
    return this.tracked(async () => {
      const upscaler = await this.imageUpscaler(job.modelDir, job.provider);
      const image = await decodeRgb(fromBase64(job.image), { name: job.imageId });
      const result = await upscaler.upscale(image, { tile: job.tile, overlap: job.overlap });
      return { image: toBase64Png(await encodePng(result.image)), width: result.image.width, height: result.image.height, scale: result.scale, tiles: result.tiles };
    });
  }

  /** imageId is stable per image content (see SegmentationJob), so the decoded pixels can be kept by it. */
  private clickedImage(job: { imageId: string; image: EncodedImage }): Promise<RgbImage> {
    if (this.clicked?.imageId !== job.imageId) {
      const image = decodeRgb(fromBase64(job.image), { name: job.imageId });
      this.clicked = { imageId: job.imageId, image };
      // a corrupt image is not kept: the next click tries again and says why again
      image.catch(() => {
        if (this.clicked?.image === image) this.clicked = null;
      });
    }
    return this.clicked.image;
  }

  async preEncode(job: PreEncodeJob): Promise<{ width: number; height: number }> {
    const segmenter = await this.segmenter(job);
    const image = await decodeRgb(fromBase64(job.image), { name: job.imageId });
    await segmenter.preEncode([image]);
    return { width: image.width, height: image.height };
  }

  async forgetModel(dir: string): Promise<void> {
    for (const map of [this.diffusion, this.segmenters, this.subjectSegmenters, this.upscalers] as Map<string, Promise<{ release(): Promise<void> }>>[]) {
      for (const [key, pending] of [...map]) {
        if (!key.endsWith(`:${dir}`)) continue;
        map.delete(key);
        await (await pending.catch(() => undefined))?.release();
      }
    }
    for (const [key, pending] of [...this.refinerPairs]) {
      const [, base, refiner] = JSON.parse(key) as [string, string, string];
      if (base !== dir && refiner !== dir) continue;
      this.refinerPairs.delete(key);
      const pair = await pending.catch(() => undefined);
      await Promise.all([pair?.model.release(), pair?.refiner.release()]);
    }
  }

  async dispose(): Promise<void> {
    this.diffusion.clear();
    this.refinerPairs.clear();
    this.segmenters.clear();
    this.subjectSegmenters.clear();
    this.upscalers.clear();
    await Promise.all([...this.sessionCaches.values()].map((c) => c.releaseAll()));
    this.sessionCaches.clear();
  }
}
