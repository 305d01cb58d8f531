// Contract schemas for click/box segmentation: one request per click (or hover), answered with the masks.
import { z } from 'zod';
import { EncodedImageSchema, ImageIdSchema, ImageRefSchema } from './image-schemas.ts';
import { ModelIdSchema, SUBJECT_FAMILY_NAMES } from './model-schemas.ts';

const coordinate = z.number().finite().min(0).max(100_000);

export const SegmentPointSchema = z.strictObject({
  /** Original image pixels. */
  x: coordinate,
  y: coordinate,
  /** 1 = the object (left click), 0 = not this (right click / Alt+click). */
  label: z.union([z.literal(0), z.literal(1)]),
});

export const SegmentBoxSchema = z
  .strictObject({ x0: coordinate, y0: coordinate, x1: coordinate, y1: coordinate })
  .refine((b) => b.x1 > b.x0 && b.y1 > b.y0, { message: 'expected x1 > x0 and y1 > y0' });

export const SegmentParamsSchema = z
  .strictObject({
    modelId: ModelIdSchema,
    image: ImageRefSchema,
    points: z.array(SegmentPointSchema).max(64).default([]),
    box: SegmentBoxSchema.optional(),
    /** The three candidates (whole / part / sub-part) instead of the single best mask. */
    multimask: z.boolean().default(false),
    /**
     * A grey PNG at the image size (≥ 128 = inside), e.g. segmentSubject's mask: given to SAM as its low-res mask
     * prompt, so that clicks refine that selection instead of starting afresh.
     */
    maskPrompt: EncodedImageSchema.optional(),
  })
  .refine((p) => p.points.length > 0 || p.box !== undefined, { message: 'expected at least one point or a box', path: ['points'] });
export type SegmentParams = z.input<typeof SegmentParamsSchema>;
export type SegmentRequest = z.output<typeof SegmentParamsSchema>;

export const SegmentMaskSchema = z.strictObject({
  /** Grayscale PNG at the image size, 255 = inside. */
  mask: EncodedImageSchema,
  /** The model's predicted IoU. */
  score: z.number(),
  /** Decoder output: 0 = single-mask output, 1–3 = multimask candidates (always 0 for a --return-single-mask export). */
  token: z.number().int().min(0).max(3),
  /** Pixels inside. */
  area: z.number().int().nonnegative(),
  /** Tight box around the mask; null when empty. */
  bbox: z.strictObject({ x0: z.number(), y0: z.number(), x1: z.number(), y1: z.number() }).nullable(),
});

export const SegmentResultSchema = z.strictObject({
  /** The host's id for the image, to send instead of its bytes next time. */
  imageId: ImageIdSchema,
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** Best first. */
  masks: z.array(SegmentMaskSchema).min(1),
});
export type SegmentResult = z.infer<typeof SegmentResultSchema>;

/** Click-free: the main subject of the image, found by a background-removal model. */
export const SegmentSubjectParamsSchema = z.strictObject({
  modelId: ModelIdSchema,
  image: ImageRefSchema,
});
export type SegmentSubjectParams = z.input<typeof SegmentSubjectParamsSchema>;

export const SegmentSubjectResultSchema = z.strictObject({
  imageId: ImageIdSchema,
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** Grayscale PNG at the image size: the model's soft alpha (≥ 128 = the subject). */
  mask: EncodedImageSchema,
  /** clearShare × mainShare (see the model-contracts notes): low values are worth a look. */
  confidence: z.number().min(0).max(1),
  clearShare: z.number().min(0).max(1),
  mainShare: z.number().min(0).max(1),
  /** Pixels with alpha ≥ 128. */
  area: z.number().int().nonnegative(),
  bbox: z.strictObject({ x0: z.number(), y0: z.number(), x1: z.number(), y1: z.number() }).nullable(),
  family: z.enum(SUBJECT_FAMILY_NAMES),
});
export type SegmentSubjectResult = z.infer<typeof SegmentSubjectResultSchema>;
