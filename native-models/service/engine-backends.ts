// The narrow seam between the service (queues, ids, events) and the engine (pipelines, sessions). The service
// calls only this interface; tests substitute fakes.
import path from 'node:path';
import { maskArea, maskBoundingBox } from '../core/mask/binary-mask.ts';
import { decodeMask } from '../image/decode-mask.ts';
import { decodeRgb } from '../image/decode-image.ts';
import { encodeMaskPng, encodePng } from '../image/encode-png.ts';
import { DiffusionModel, encodeGeneratedPng, generateImages, parametersOf, type GenerationRequest } from '../pipelines/diffusion/index.ts';
import { SamSegmenter } from '../pipelines/segment/sam-segmenter.ts';
import { SessionCache } from '../runtime/index.ts';
import type { EncodedImage, GenerateRequest, GeneratedImageData, GenerationProgressEvent, SegmentRequest, SegmentResult } from '../api/index.ts';
import { inspectModelFolder, type ModelFolderReport } from '../models/index.ts';
import type { ConcreteProvider } from '../runtime/index.ts';

/** A generation job as the engine gets it: image refs resolved to bytes, the model's folder and provider. */
export interface GenerationJob extends Omit<GenerateRequest, 'initImage' | 'mask' | 'modelId'> {
  modelDir: string;
  provider: ConcreteProvider | 'auto';
  initImage?: EncodedImage;
  mask?: EncodedImage;
}

export type GenerationStep = Omit<GenerationProgressEvent, 'jobId'>;

export interface GenerationHooks {
  onProgress: (progress: GenerationStep) => void;
  /** Aborted by cancel(jobId); the engine stops within a step and rejects with CANCELLED. */
  signal: AbortSignal;
}

/** A result before the service names it (imageId is added by the service's image store). */
export type GeneratedImageOutput = Omit<GeneratedImageData, 'imageId'>;

export interface SegmentationJob extends Omit<SegmentRequest, 'image' | 'modelId'> {
  modelDir: string;
  provider: ConcreteProvider | 'auto';
  /** Stable per image: the engine's embedding cache key (the same image → the same id). */
  imageId: string;
  image: EncodedImage;
}

export type SegmentationOutput = Omit<SegmentResult, 'imageId'>;

export interface EngineBackends {
  inspectModel(dir: string): Promise<ModelFolderReport>;
  generate(job: GenerationJob, hooks: GenerationHooks): Promise<GeneratedImageOutput[]>;
  segment(job: SegmentationJob): Promise<SegmentationOutput>;
  /** Releases sessions for a folder that was deleted or replaced. */
  forgetModel(dir: string): Promise<void>;
  dispose(): Promise<void>;
}

function toBase64Png(png: Uint8Array): EncodedImage {
  return { mimeType: 'image/png', base64: Buffer.from(png).toString('base64') };
}

function fromBase64(image: EncodedImage): Buffer {
  return Buffer.from(image.base64, 'base64');
}

/** The engine behind the service: models opened once per folder and provider, sessions shared. */
export class EngineBackendsImpl implements EngineBackends {
  private readonly sessionCaches = new Map<string, SessionCache>();
  private readonly diffusion = new Map<string, Promise<DiffusionModel>>();
  private readonly segmenters = new Map<string, Promise<SamSegmenter>>();

  constructor(private readonly options: { threads?: number; lowMemory?: boolean; embeddingCacheDir?: string } = {}) {}

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

  async generate(job: GenerationJob, hooks: GenerationHooks): Promise<GeneratedImageOutput[]> {
    const model = await this.cached(this.diffusion, `${job.provider}:${job.modelDir}`, () => DiffusionModel.open(job.modelDir, this.sessions(job.provider)));
    const initImage = job.initImage ? await decodeRgb(fromBase64(job.initImage), { name: 'init image' }) : undefined;
    const mask = job.mask ? await decodeMask(fromBase64(job.mask), initImage, { name: 'mask' }) : undefined;
    const request: GenerationRequest = {
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
    };
    const results = await generateImages(model, request, {
      count: job.count,
      signal: hooks.signal,
      onProgress: async (p) => {
        const { preview, ...rest } = p;
        hooks.onProgress({ ...rest, ...(preview ? { preview: toBase64Png(await encodePng(preview)) } : {}) });
      },
    });
    const modelName = path.basename(job.modelDir);
    return Promise.all(
      results.map(async (r) => ({
        image: toBase64Png(await encodeGeneratedPng(r, parametersOf(request, r, modelName))),
        width: r.image.width,
        height: r.image.height,
        seed: r.seed,
        scheduler: r.scheduler,
        stepsRun: r.stepsRun,
      })),
    );
  }

  async segment(job: SegmentationJob): Promise<SegmentationOutput> {
    const segmenter = await this.cached(this.segmenters, `${job.provider}:${job.modelDir}`, () =>
      SamSegmenter.open(job.modelDir, { sessions: this.sessions(job.provider), dir: this.options.embeddingCacheDir }),
    );
    const image = await decodeRgb(fromBase64(job.image), { name: job.imageId });
    await segmenter.setImage(image);
    const result = await segmenter.predict({ points: job.points, box: job.box, multimask: job.multimask });
    return {
      width: image.width,
      height: image.height,
      masks: await Promise.all(
        result.masks.map(async (m) => {
          const box = maskBoundingBox(m.mask);
          return {
            mask: toBase64Png(await encodeMaskPng(m.mask)),
            score: m.score,
            token: m.token,
            area: maskArea(m.mask),
            bbox: box ? { x0: box.x, y0: box.y, x1: box.x + box.width, y1: box.y + box.height } : null,
          };
        }),
      ),
    };
  }

  async forgetModel(dir: string): Promise<void> {
    for (const map of [this.diffusion, this.segmenters] as Map<string, Promise<{ release(): Promise<void> }>>[]) {
      for (const [key, pending] of [...map]) {
        if (!key.endsWith(`:${dir}`)) continue;
        map.delete(key);
        await (await pending.catch(() => undefined))?.release();
      }
    }
  }

  async dispose(): Promise<void> {
    this.diffusion.clear();
    this.segmenters.clear();
    await Promise.all([...this.sessionCaches.values()].map((c) => c.releaseAll()));
    this.sessionCaches.clear();
  }
}
