// The denoising loop shared by text-to-image, image-to-image and inpainting: scale → UNet → guidance → step.
import { TesseraError } from '../../api/errors.ts';
import type { NoiseSource } from '../../core/noise-source.ts';
import type { Scheduler } from '../../core/schedulers/scheduler.ts';
import type { OnnxModel } from '../../runtime/index.ts';
import { runUnet } from './unet-runner.ts';
import { repeatRows, type TextConditioning } from './conditioning/text-conditioning.ts';

/** Inpainting inputs in latent space ([1, 1, h, w] mask: 1 = repaint). */
export type InpaintLatents =
  | { kind: 'inpainting-unet'; mask: Float32Array; maskedImageLatents: Float32Array }
  | { kind: 'blend'; mask: Float32Array; /** [B, 4, h, w] */ imageLatents: Float32Array; /** [B, 4, h, w] */ noise: Float32Array };

export interface DenoiseInput {
  unet: OnnxModel;
  scheduler: Scheduler;
  /** The part of scheduler.timesteps to run (all of it, or the tail for img2img). */
  timesteps: number[];
  /** Initial latents [B, 4, h, w], already scaled by initNoiseSigma or noised from an image. */
  latents: Float32Array;
  latentDims: [number, number, number, number];
  cond: TextConditioning;
  /** Present iff classifier-free guidance runs with a doubled batch. */
  uncond?: TextConditioning;
  guidance: number;
  /** LCM w-embedding [B, D] when the UNet declares `timestep_cond`. */
  timestepCond?: Float32Array;
  inpaint?: InpaintLatents;
  noise: NoiseSource;
  signal?: AbortSignal;
  /** Awaited, so a preview decoder may run between steps. */
  onStep?: (step: number, total: number, latents: Float32Array) => void | Promise<void>;
}

/** [uncond × B; cond × B] (or cond × B) of one per-prompt tensor, as diffusers stacks them. */
function stackForBatch(cond: Float32Array, uncond: Float32Array | undefined, batch: number): Float32Array {
  return uncond ? concat(repeatRows(uncond, batch), repeatRows(cond, batch)) : repeatRows(cond, batch);
}

/** Concatenates per image along channels: [scaled latents (4), mask (1), masked-image latents (4)]. */
function inpaintingUnetInput(scaled: Float32Array, batch: number, plane: number, mask: Float32Array, masked: Float32Array): Float32Array {
  const out = new Float32Array(batch * 9 * plane);
  for (let b = 0; b < batch; b++) {
    const base = b * 9 * plane;
    out.set(scaled.subarray(b * 4 * plane, (b + 1) * 4 * plane), base);
    out.set(mask, base + 4 * plane);
    out.set(masked, base + 5 * plane);
  }
  return out;
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new TesseraError('CANCELLED', 'generation was cancelled');
}

/** Runs the loop and returns the final latents [B, 4, h, w] (LCM: the last step's denoised sample). */
export async function denoise(input: DenoiseInput): Promise<Float32Array> {
  const { unet, scheduler, timesteps, latentDims, cond, uncond, guidance, inpaint } = input;
  const [batch, , h, w] = latentDims;
  const plane = h * w;
  const perLatent = 4 * plane;
  const useCfg = uncond !== undefined;
  // Embeddings are constant over the loop: stack them once ([uncond × B; cond × B], as diffusers does).
  const textBatch = useCfg ? batch * 2 : batch;
  const textEmbeddings = stackForBatch(cond.hidden.data, uncond?.hidden.data, batch);
  const textDims: [number, number, number] = [textBatch, cond.hidden.dims[1], cond.hidden.dims[2]];
  const added = Object.fromEntries(
    Object.entries(cond.added).map(([name, row]) => [name, { data: stackForBatch(row, uncond?.added[name], batch), dims: [textBatch, row.length] as [number, number] }]),
  );
  const timestepCond = input.timestepCond && useCfg ? concat(input.timestepCond, input.timestepCond) : input.timestepCond;

  let latents = input.latents;
  for (const [i, t] of timesteps.entries()) {
    throwIfAborted(input.signal);
    // scale the model input (identity for DDPM-family schedulers, 1/√(σ²+1) for σ-space ones)
    const scaled = scheduler.scaleModelInput(latents, t);
    const channels = inpaint?.kind === 'inpainting-unet' ? 9 : 4;
    const unetSample = inpaint?.kind === 'inpainting-unet' ? inpaintingUnetInput(scaled, batch, plane, inpaint.mask, inpaint.maskedImageLatents) : scaled;
    // duplicate the batch for classifier-free guidance
    const sample = useCfg ? concat(unetSample, unetSample) : unetSample;
    const prediction = await runUnet(unet, {
      sample,
      sampleDims: [useCfg ? batch * 2 : batch, channels, h, w],
      t,
      textEmbeddings,
      textDims,
      added,
      timestepCond,
    });
    // guidance: uncond + g · (cond − uncond)
    let modelOutput = prediction;
    if (useCfg) {
      const half = batch * perLatent;
      modelOutput = new Float32Array(half);
      for (let k = 0; k < half; k++) {
        const u = prediction[k]!;
        modelOutput[k] = u + guidance * (prediction[half + k]! - u);
      }
    }
    // x_t → x_t-1
    latents = scheduler.step(modelOutput, t, latents, input.noise).prevSample;
    // inpainting with an ordinary UNet: keep the known region on the image's own noisy trajectory
    if (inpaint?.kind === 'blend') {
      const next = timesteps[i + 1];
      const known = next === undefined ? inpaint.imageLatents : scheduler.addNoise(inpaint.imageLatents, inpaint.noise, next);
      for (let b = 0; b < batch; b++) {
        for (let c = 0; c < 4; c++) {
          const base = b * perLatent + c * plane;
          for (let p = 0; p < plane; p++) {
            const m = inpaint.mask[p]!;
            latents[base + p] = (1 - m) * known[base + p]! + m * latents[base + p]!;
          }
        }
      }
    }
    await input.onStep?.(i + 1, timesteps.length, latents);
  }
  return latents;
}

function concat(a: Float32Array, b: Float32Array): Float32Array {
  const out = new Float32Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
