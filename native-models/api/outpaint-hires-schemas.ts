// Contract schemas for the two generation extras A1111 users reach for after txt2img: outpainting (extend an image
// and generate the new area with the inpainting path) and hires fix (a base pass, an upscale, an img2img pass at the
// large size). The defaults live in outpaint-hires-defaults.ts, which the Studio form reads too.
import { z } from 'zod';
import { HIRES_DEFAULTS, HIRES_LIMITS, OUTPAINT_DEFAULTS, OUTPAINT_MAX_EXTEND, OUTPAINT_MAX_OVERLAP } from './outpaint-hires-defaults.ts';

export * from './outpaint-hires-defaults.ts';

const sidePx = z.number().int().min(0).max(OUTPAINT_MAX_EXTEND).default(0);

export const OutpaintSchema = z
  .strictObject({
    left: sidePx,
    right: sidePx,
    top: sidePx,
    bottom: sidePx,
    overlap: z.number().int().min(0).max(OUTPAINT_MAX_OVERLAP).default(OUTPAINT_DEFAULTS.overlap),
  })
  .refine((o) => o.left + o.right + o.top + o.bottom > 0, { message: 'expected at least one side to extend by more than 0 pixels', path: ['left'] });
export type OutpaintParams = z.input<typeof OutpaintSchema>;
export type OutpaintSpec = z.output<typeof OutpaintSchema>;


const multipleOf8 = z
  .number()
  .int()
  .min(64)
  .max(4096)
  .refine((v) => v % 8 === 0, { message: 'expected a multiple of 8 (latents are 1/8 of the image size)' });

export const HiresFixSchema = z
  .strictObject({
    /** `latent` (bilinear), `latent-nearest-exact`, `lanczos`, or an upscaler model's id. */
    upscaler: z.string().min(1).max(300).default(HIRES_DEFAULTS.upscaler),
    /** Target = base size × scale, floored to a multiple of 8 (A1111 "Hires upscale"); default 2 unless width/height. */
    scale: z.number().min(HIRES_LIMITS.scale.min).max(HIRES_LIMITS.scale.max).optional(),
    /** Or an explicit target size (A1111 "Hires resize"); both or neither. */
    width: multipleOf8.optional(),
    height: multipleOf8.optional(),
    /** Steps the second pass runs; 0 = the base steps (A1111 "Hires steps"). */
    steps: z.number().int().min(HIRES_LIMITS.steps.min).max(HIRES_LIMITS.steps.max).default(HIRES_DEFAULTS.steps),
    /** img2img strength of the second pass (A1111 "Denoising strength"). */
    strength: z.number().gt(0).max(1).default(HIRES_DEFAULTS.strength),
  })
  .refine((h) => (h.width === undefined) === (h.height === undefined), { message: 'expected both width and height, or neither', path: ['width'] })
  .refine((h) => h.scale === undefined || h.width === undefined, { message: 'expected a scale or a target size, not both', path: ['scale'] });
export type HiresFixParams = z.input<typeof HiresFixSchema>;
export type HiresFixSpec = z.output<typeof HiresFixSchema>;
