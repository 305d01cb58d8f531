// Text-to-image, image-to-image and inpainting over an opened DiffusionModel. The stages follow diffusers'
// ONNX pipelines: encode prompt → initial latents → denoise loop → VAE decode → composite (inpaint) → images.
import { TesseraError } from '../../api/errors.ts';
import { createScheduler, resolveSchedulerName } from '../../core/schedulers/create-scheduler.ts';
import type { Scheduler } from '../../core/schedulers/scheduler.ts';
import { TorchCpuGenerator } from '../../core/random/torch-cpu-generator.ts';
import { BatchNoiseSource } from './batch-noise-source.ts';
import type { DiffusionModel } from './diffusion-model.ts';
import { denoise, throwIfAborted, type InpaintLatents } from './denoise-loop.ts';
import { validateGenerationRequest, type GenerationRequest, type RgbImage } from './generation-request.ts';
import { compositeAlpha, compositeOnto, latentMask, maskedImageModelSpace } from './inpaint-mask.ts';
import { guidanceScaleEmbedding } from './lcm-guidance.ts';
import { latentRgbFactors, previewLatents, previewWithDecoder } from './latent-preview.ts';
import { encodeImage, encodeModelSpace } from './vae-codec.ts';
import { decodeWithFallback } from './vae-decode-fallback.ts';
import { checkFastDecode, fastDecodeLatents } from './fast-decode.ts';
import { DEFAULT_VAE_TILING, shouldTileVae } from './tiled-vae.ts';
import { imageToTensor } from '../../image/image-tensor.ts';
import { checkRefinerStage, splitSchedule, trainTimestepsOf, type RefinerStage } from './refiner-stage.ts';

export interface GenerationProgress {
  /** 1-based step just finished, of `totalSteps`, within image batch `batchIndex` of `batchCount`. */
  step: number;
  totalSteps: number;
  batchIndex: number;
  batchCount: number;
  elapsedMs: number;
  /** A latent-resolution RGB preview of the first image of the batch, when requested. */
  preview?: RgbImage;
}

export interface GeneratedImage {
  image: RgbImage;
  /** The seed that reproduces this image alone (seed + its index in the request). */
  seed: number;
  /** Scheduler short name or class actually used. */
  scheduler: string;
  /** Denoising steps actually run (img2img: ⌊steps × strength⌋). */
  stepsRun: number;
  /** The final scaled latents [1, 4, H/8, W/8], when GenerateOptions.keepLatents asked for them. */
  latents?: Float32Array;
}

export interface GenerateOptions {
  /** Images to make; image k uses seed + k. Default 1. */
  count?: number;
  signal?: AbortSignal;
  /** Awaited before the next step, so a host may encode and send the preview in order. */
  onProgress?: (progress: GenerationProgress) => void | Promise<void>;
  /**
   * Awaited for each image as soon as it is decoded (before the next batch starts), so a host can write it at
   * once: a cancel later in the run keeps the images already made.
   */
  onImage?: (image: GeneratedImage, index: number) => void | Promise<void>;
  /** Keep each image's final latents on its result (hires fix upscales them for its second pass). */
  keepLatents?: boolean;
  /** Non-fatal notices (an fp16 VAE decoded again in fp32); default console.warn. */
  onWarning?: (message: string) => void;
  /** A second model that takes the schedule over at `switchAt` (SDXL refiner; refiner-stage.ts). */
  refiner?: RefinerStage;
}

type Mode = 'text-to-image' | 'image-to-image' | 'inpaint';

function modeOf(model: DiffusionModel, request: GenerationRequest): Mode {
  if (request.mask) return 'inpaint';
  if (model.isInpaintingModel) {
    throw new TesseraError('INVALID_ARGUMENT', `${model.dir}: is an inpainting model (9-channel UNet): it needs an init image and a mask`);
  }
  return request.initImage || request.initLatents ? 'image-to-image' : 'text-to-image';
}

/** diffusers' get_timesteps: run min(⌊steps·strength⌋, steps) steps, starting that far from the end. */
function timestepsFor(scheduler: Scheduler, steps: number, strength: number): number[] {
  const initTimestep = Math.min(Math.floor(steps * strength), steps);
  const start = Math.max(steps - initTimestep, 0);
  return scheduler.timesteps.slice(start * scheduler.order);
}

function repeat(data: Float32Array, times: number): Float32Array {
  const out = new Float32Array(data.length * times);
  for (let k = 0; k < times; k++) out.set(data, k * data.length);
  return out;
}

export async function generateImages(model: DiffusionModel, request: GenerationRequest, options: GenerateOptions = {}): Promise<GeneratedImage[]> {
  validateGenerationRequest(request);
  const count = options.count ?? 1;
  if (!Number.isInteger(count) || count < 1 || count > 1000) throw new TesseraError('INVALID_ARGUMENT', `count: got ${count}, expected an integer from 1 to 1000`);
  const mode = modeOf(model, request);
  if (request.initImage && !model.hasVaeEncoder) {
    throw new TesseraError('UNSUPPORTED', `${model.dir}: has no vae_encoder/model.onnx, which ${mode} needs`);
  }
  // Only a request that uses the tiny decoder pays for looking again at the models folder (a batch calls this per item).
  if (request.fastDecode || (request.previewEvery ?? 0) > 0) await model.refreshTinyDecoder();
  checkFastDecode(model, request.fastDecode);
  const refiner = options.refiner;
  if (refiner) checkRefinerStage(model, refiner, mode);
  const schedulerClass = request.scheduler ?? String(model.schedulerConfig._class_name ?? 'pndm');
  const scheduler = createScheduler(schedulerClass, model.schedulerConfig);
  // Recorded by its short name whether asked for or the model's own class, so metadata (A1111 "PLMS", not
  // "PNDMScheduler") and the result read the same for both.
  const schedulerName = resolveSchedulerName(schedulerClass, model.schedulerConfig);
  const started = performance.now();
  const batchSize = request.batchSize ?? 1;
  const h = request.height / 8;
  const w = request.width / 8;
  const perLatent = 4 * h * w;

  const previewFactors = latentRgbFactors(model.report.diffusion?.family);

  // Each stage opens its own network through model.use…: in low-memory mode only that stage's network is resident
  // (the text encoders, then the UNet for each image batch, then the VAE), in normal mode all stay cached.
  const lcm = model.unetTakesTimestepCond;
  // encode prompt (LCM: guidance enters through the w-embedding, never a doubled batch)
  const useCfg = !lcm && request.guidance > 1;
  const promptInput = {
    prompt: request.prompt,
    negativePrompt: useCfg ? (request.negativePrompt ?? '') : undefined,
    width: request.width,
    height: request.height,
  };
  const { cond, uncond } = await model.conditioner.encode(promptInput);
  // the refiner reads the same prompt through its own encoder(s) and time ids (SDXL refiner: bigG, aesthetic score)
  const refinerText = refiner ? await refiner.model.conditioner.encode(promptInput) : undefined;

  // image latents for img2img / inpaint (computed once, shared by every batch)
  let imageLatents: Float32Array | undefined = request.initLatents;
  let inpaintingUnetLatents: { mask: Float32Array; masked: Float32Array } | undefined;
  if (request.initImage) {
    const init = request.initImage;
    const encodeTiling = shouldTileVae(init.width, init.height) ? DEFAULT_VAE_TILING : undefined;
    imageLatents = await model.useVaeEncoder((vae) => encodeImage(vae, init, model.vaeScalingFactor, encodeTiling));
    if (request.mask && model.isInpaintingModel) {
      const masked = maskedImageModelSpace(imageToTensor(init).data, request.mask);
      const maskedLatents = await model.useVaeEncoder((vae) => encodeModelSpace(vae, masked, init.width, init.height, model.vaeScalingFactor, encodeTiling));
      inpaintingUnetLatents = { mask: latentMask(request.mask), masked: maskedLatents };
    }
  }

  const results: GeneratedImage[] = [];
  const batchCount = Math.ceil(count / batchSize);
  for (let batchIndex = 0; batchIndex < batchCount; batchIndex++) {
    throwIfAborted(options.signal);
    const first = batchIndex * batchSize;
    const batch = Math.min(batchSize, count - first);
    const seeds = Array.from({ length: batch }, (_, k) => request.seed + first + k);
    // one generator per image, as diffusers does when given a list of generators: each image reproducible alone
    const noise = new BatchNoiseSource(seeds.map((s) => new TorchCpuGenerator(s)));
    scheduler.setTimesteps(request.steps);
    const strength = request.strength ?? 1;
    const timesteps = mode === 'text-to-image' ? scheduler.timesteps : timestepsFor(scheduler, request.steps, strength);
    if (timesteps.length === 0) {
      throw new TesseraError('INVALID_ARGUMENT', `strength ${strength} with ${request.steps} steps runs no step; raise strength or steps`);
    }
    const initialNoise = noise.randn(batch * perLatent);
    let latents: Float32Array;
    let inpaint: InpaintLatents | undefined;
    if (imageLatents && !(mode === 'inpaint' && strength >= 1)) {
      // start from the image noised to the first timestep that runs
      latents = scheduler.addNoise(repeat(imageLatents, batch), initialNoise, timesteps[0]!);
    } else {
      latents = initialNoise.map((v) => v * scheduler.initNoiseSigma);
    }
    if (mode === 'inpaint') {
      inpaint = inpaintingUnetLatents
        ? { kind: 'inpainting-unet', mask: inpaintingUnetLatents.mask, maskedImageLatents: inpaintingUnetLatents.masked }
        : { kind: 'blend', mask: latentMask(request.mask!), imageLatents: repeat(imageLatents!, batch), noise: initialNoise };
    }
    const onStep = async (step: number, total: number, current: Float32Array) => {
      const wantPreview = (request.previewEvery ?? 0) > 0 && (step % request.previewEvery! === 0 || step === total);
      const dims = [batch, 4, h, w];
      // the model's own tiny decoder when it ships one, else the linear latent → RGB approximation
      const preview = !wantPreview
        ? undefined
        : model.previewDecoderPath
          ? await model.usePreviewDecoder((decoder) => previewWithDecoder(decoder, current, dims))
          : previewLatents(current, dims, 0, previewFactors);
      await options.onProgress?.({ step, totalSteps: total, batchIndex, batchCount, elapsedMs: performance.now() - started, preview });
    };
    // one schedule: the base runs it up to the refiner's switch (all of it without a refiner), the refiner the rest
    const stages = refiner ? splitSchedule(timesteps, refiner.switchAt, trainTimestepsOf(model)) : { base: timesteps, refiner: [] };
    const shared = { scheduler, latentDims: [batch, 4, h, w] as [number, number, number, number], guidance: request.guidance, noise, signal: options.signal };
    let finalLatents = await model.useUnet((unet) =>
      denoise({
        ...shared,
        unet,
        timesteps: stages.base,
        latents,
        cond,
        uncond,
        timestepCond: lcm ? guidanceScaleEmbedding(request.guidance, model.timestepCondDim(unet), batch) : undefined,
        inpaint,
        onStep: (step, _total, current) => onStep(step, timesteps.length, current),
      }),
    );
    if (refiner && refinerText && stages.refiner.length > 0) {
      const handedOver = finalLatents;
      finalLatents = await refiner.model.useUnet((refinerUnet) =>
        denoise({
          ...shared,
          unet: refinerUnet,
          timesteps: stages.refiner,
          latents: handedOver,
          cond: refinerText.cond,
          uncond: refinerText.uncond,
          onStep: (step, _total, current) => onStep(stages.base.length + step, timesteps.length, current),
        }),
      );
    }
    throwIfAborted(options.signal);
    // decode (the tiny decoder when asked for), then put the untouched pixels back exactly (inpainting)
    const tiling = shouldTileVae(w * 8, h * 8) ? DEFAULT_VAE_TILING : undefined;
    let images = request.fastDecode ? await fastDecodeLatents(model, finalLatents, [batch, 4, h, w]) : await decodeWithFallback({
      modelDir: model.dir,
      latents: finalLatents,
      dims: [batch, 4, h, w],
      scalingFactor: model.vaeScalingFactor,
      ...(tiling ? { tiling } : {}),
      useDecoder: (work) => model.useVaeDecoder(work),
      useFile: (file, work) => model.useFile(file, work),
      warn: options.onWarning ?? ((m) => console.warn(`tessera: warning: ${m}`)),
    });
    if (mode === 'inpaint') {
      const alpha = compositeAlpha(request.mask!, request.maskFeatherPx ?? 4);
      images = images.map((image) => compositeOnto(request.initImage!, image, alpha));
    }
    for (const [k, image] of images.entries()) {
      const made: GeneratedImage = { image, seed: seeds[k]!, scheduler: schedulerName, stepsRun: timesteps.length };
      if (options.keepLatents) made.latents = finalLatents.slice(k * perLatent, (k + 1) * perLatent);
      results.push(made);
      await options.onImage?.(made, results.length - 1);
    }
  }
  return results;
}
