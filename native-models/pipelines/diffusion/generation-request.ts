// The request a diffusion pipeline takes, and its up-front validation ("got X, expected Y", never deep in the loop).
import { TesseraError } from '../../api/errors.ts';

import type { GrayImage, RgbImage } from '../../image/rgb-image.ts';

/** A single-channel mask, one byte per pixel; ≥ 128 means "repaint" (diffusers: white = repaint). */
export type GrayMask = GrayImage;
export type { RgbImage };

export interface GenerationRequest {
  prompt: string;
  negativePrompt?: string;
  /** Scheduler short name or diffusers class name; default: the model's own scheduler_config.json class. */
  scheduler?: string;
  steps: number;
  /** Classifier-free guidance scale; ≤ 1 skips the unconditional pass (SD-Turbo). */
  guidance: number;
  seed: number;
  width: number;
  height: number;
  /** Images per UNet batch. */
  batchSize?: number;
  /** img2img / inpaint source, exactly width × height. */
  initImage?: RgbImage;
  /**
   * img2img from latents instead of an image: scaled latents [1, 4, H/8, W/8] float32 (hires fix's latent upscale).
   * Excludes initImage and mask.
   */
  initLatents?: Float32Array;
  /** img2img: fraction of the schedule to run (diffusers' `strength`); inpaint: 1 = start from pure noise. */
  strength?: number;
  /** Inpainting mask, exactly width × height. */
  mask?: GrayMask;
  /** Inpaint with an ordinary UNet: feather width (px) inside the mask when compositing back. */
  maskFeatherPx?: number;
  /** Emit a cheap preview of the latents every `previewEvery` steps (0 = never). */
  previewEvery?: number;
  /** Decode the final latents with the folder's tiny decoder (preview_decoder/) instead of the VAE (fast-decode.ts). */
  fastDecode?: boolean;
}

function fail(message: string): never {
  throw new TesseraError('INVALID_ARGUMENT', message);
}

function checkInteger(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) fail(`${name}: got ${value}, expected an integer from ${min} to ${max}`);
}

/** Checks every parameter before any model runs. */
export function validateGenerationRequest(request: GenerationRequest): void {
  if (typeof request.prompt !== 'string') fail(`prompt: got ${typeof request.prompt}, expected a string`);
  checkInteger('steps', request.steps, 1, 1000);
  if (!Number.isFinite(request.guidance) || request.guidance < 0 || request.guidance > 100) fail(`guidance: got ${request.guidance}, expected a number from 0 to 100`);
  checkInteger('seed', request.seed, 0, Number.MAX_SAFE_INTEGER);
  for (const axis of ['width', 'height'] as const) {
    const value = request[axis];
    checkInteger(axis, value, 8, 4096);
    if (value % 8 !== 0) fail(`${axis}: got ${value}, expected a multiple of 8 (latents are 1/8 of the image size)`);
  }
  checkInteger('batchSize', request.batchSize ?? 1, 1, 16);
  if (request.strength !== undefined && !(request.strength > 0 && request.strength <= 1)) fail(`strength: got ${request.strength}, expected a number in (0, 1]`);
  if (request.strength !== undefined && !request.initImage && !request.initLatents) fail('strength needs an init image (image-to-image or inpainting)');
  if (request.initLatents) {
    const expected = 4 * (request.width / 8) * (request.height / 8);
    if (request.initImage || request.mask) fail('initLatents: got it with an init image or mask, expected one image-to-image source');
    if (request.initLatents.length !== expected) fail(`initLatents: got ${request.initLatents.length} values, expected ${expected} ([1, 4, ${request.height / 8}, ${request.width / 8}])`);
  }
  for (const [name, image] of [['initImage', request.initImage], ['mask', request.mask]] as const) {
    if (!image) continue;
    if (image.width !== request.width || image.height !== request.height) {
      fail(`${name}: got ${image.width}×${image.height}, expected ${request.width}×${request.height} (the requested size)`);
    }
    const channels = name === 'mask' ? 1 : (image as RgbImage).channels;
    if (name === 'initImage' && channels !== 3) fail(`initImage: got ${channels} channels, expected 3 (RGB; flatten alpha first)`);
    if (image.data.length !== image.width * image.height * channels) fail(`${name}: got ${image.data.length} bytes, expected ${image.width * image.height * channels}`);
  }
  if (request.mask && !request.initImage) fail('mask needs an init image to inpaint');
  if (request.maskFeatherPx !== undefined) checkInteger('maskFeatherPx', request.maskFeatherPx, 0, 256);
}
