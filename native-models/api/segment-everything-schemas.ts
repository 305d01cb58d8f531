// Contract schemas for segment-everything (SAM's automatic mask generator) and for exporting a image's named
// objects as annotation-tool files. EVERYTHING_DEFAULTS is the one place the CLI, the API and the pipeline read.
import { z } from 'zod';
import { EncodedImageSchema, ImageIdSchema, ImageRefSchema } from './image-schemas.ts';
import { ModelIdSchema } from './model-schemas.ts';

/** SAM's amg defaults where they fit a CPU: 16 points per side (SAM: 32) is a quarter of the decoder runs. */
export const EVERYTHING_DEFAULTS = {
  /** Grid points per side. */
  pointsPerSide: 16,
  /** Minimum predicted IoU (SAM: pred_iou_thresh 0.88). */
  predIouThreshold: 0.88,
  /** Minimum stability score (SAM: stability_score_thresh 0.95, offset 1.0). */
  stabilityThreshold: 0.95,
  /** Mask IoU above which the lower-scored mask is dropped (SAM: box_nms_thresh 0.7; we compare masks). */
  nmsThreshold: 0.7,
  /** Masks with fewer pixels are dropped. */
  minArea: 1,
} as const;

export const EVERYTHING_LIMITS = { pointsPerSide: { min: 1, max: 64 } } as const;

const fraction = z.number().finite().min(0).max(1);

/** The tunables, shared by the API request and the CLI's flags (same names, kebab-cased there). */
export const EverythingOptionsSchema = z.strictObject({
  pointsPerSide: z.number().int().min(EVERYTHING_LIMITS.pointsPerSide.min).max(EVERYTHING_LIMITS.pointsPerSide.max).default(EVERYTHING_DEFAULTS.pointsPerSide),
  predIouThreshold: fraction.default(EVERYTHING_DEFAULTS.predIouThreshold),
  stabilityThreshold: fraction.default(EVERYTHING_DEFAULTS.stabilityThreshold),
  nmsThreshold: fraction.default(EVERYTHING_DEFAULTS.nmsThreshold),
  minArea: z.number().int().min(1).default(EVERYTHING_DEFAULTS.minArea),
});
export type EverythingOptionValues = z.output<typeof EverythingOptionsSchema>;

export const SegmentEverythingParamsSchema = z.strictObject({
  modelId: ModelIdSchema,
  image: ImageRefSchema,
  ...EverythingOptionsSchema.shape,
});
export type SegmentEverythingParams = z.input<typeof SegmentEverythingParamsSchema>;

const BoxSchema = z.strictObject({ x0: z.number(), y0: z.number(), x1: z.number(), y1: z.number() });

export const EverythingRegionSchema = z.strictObject({
  /** Grayscale PNG at the image size, 255 = inside. */
  mask: EncodedImageSchema,
  /** Outline rings in image pixels, [x0, y0, x1, y1, …] each (outer rings and holes), for drawing and hit tests. */
  outline: z.array(z.array(z.number())),
  score: z.number(),
  stability: z.number(),
  area: z.number().int().positive(),
  bbox: BoxSchema,
});
export type EverythingRegion = z.infer<typeof EverythingRegionSchema>;

export const SegmentEverythingResultSchema = z.strictObject({
  imageId: ImageIdSchema,
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** Best score first, de-duplicated by mask NMS; may be empty. */
  regions: z.array(EverythingRegionSchema),
});
export type SegmentEverythingResult = z.infer<typeof SegmentEverythingResultSchema>;

export const ANNOTATION_FORMATS = ['coco', 'yolo'] as const;
export type AnnotationFormat = (typeof ANNOTATION_FORMATS)[number];

export const ExportAnnotationsParamsSchema = z.strictObject({
  image: ImageRefSchema,
  /** How the dataset names the image (COCO file_name; the YOLO label file is its stem + .txt). */
  fileName: z.string().min(1).max(255),
  objects: z
    .array(z.strictObject({ name: z.string().trim().min(1).max(100), mask: EncodedImageSchema }))
    .min(1)
    .max(500),
  format: z.enum(ANNOTATION_FORMATS),
  /** COCO segmentation encoding (polygons by default, as the CLI's --coco; rle as --coco-rle). */
  cocoSegmentation: z.enum(['polygons', 'rle']).default('polygons'),
});
export type ExportAnnotationsParams = z.input<typeof ExportAnnotationsParamsSchema>;

export const ExportAnnotationsResultSchema = z.strictObject({
  /** The files as the CLI writes them, paths relative to its --coco file / --yolo folder. */
  files: z.array(z.strictObject({ path: z.string(), text: z.string() })).min(1),
});
export type ExportAnnotationsResult = z.infer<typeof ExportAnnotationsResultSchema>;
