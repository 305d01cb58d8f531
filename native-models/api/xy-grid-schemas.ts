// Contract schemas for X/Y plots: one generation request varied over two axes (seed, steps, guidance, scheduler,
// prompt search-and-replace, model), every cell its own image, plus one labelled grid PNG. The axis names and
// limits live here once; the CLI (`tessera grid --x steps=10,20`), the service and the Studio read them.
import { z } from 'zod';
import { PARAMETER_LIMITS as L } from './parameter-limits.ts';
import { GenerateParamsSchema } from './generation-schemas.ts';
import { ModelIdSchema } from './model-schemas.ts';

/** The axes a grid can vary, as the CLI spells them (`--x prompt-sr=cat,dog,fox`). */
export const XY_AXES = ['seed', 'steps', 'guidance', 'scheduler', 'prompt-sr', 'model'] as const;
export type XyAxisName = (typeof XY_AXES)[number];

/** The axes' words on the grid and in the Studio. */
export const XY_AXIS_TITLES: Record<XyAxisName, string> = {
  seed: 'Seed',
  steps: 'Steps',
  guidance: 'Guidance',
  scheduler: 'Scheduler',
  'prompt-sr': 'Prompt S/R',
  model: 'Model',
};

/** Values per axis and cells per grid: a grid is one job of full generations, and its PNG must stay viewable. */
export const XY_GRID_LIMITS = { valuesPerAxis: 16, cells: 64 } as const;

const values = <T extends z.ZodType>(value: T) => z.array(value).min(1).max(XY_GRID_LIMITS.valuesPerAxis);

export const XyAxisSchema = z.discriminatedUnion('axis', [
  z.strictObject({ axis: z.literal('seed'), values: values(z.number().int().min(L.seed.min).max(L.seed.max)) }),
  z.strictObject({ axis: z.literal('steps'), values: values(z.number().int().min(L.steps.min).max(L.steps.max)) }),
  z.strictObject({ axis: z.literal('guidance'), values: values(z.number().min(L.guidance.min).max(L.guidance.max)) }),
  z.strictObject({ axis: z.literal('scheduler'), values: values(z.string().min(1).max(64)) }),
  /** A1111's Prompt S/R: the first value is the search term (its cell keeps the prompt as it is). */
  z.strictObject({ axis: z.literal('prompt-sr'), values: values(z.string().min(1).max(1000)) }),
  z.strictObject({ axis: z.literal('model'), values: values(ModelIdSchema) }),
]);
export type XyAxis = z.infer<typeof XyAxisSchema>;

// The request every cell starts from: a single text-to-image generation (count, init image and mask do not apply).
const { count: _count, initImage: _init, strength: _strength, mask: _mask, ...cellShape } = GenerateParamsSchema.shape;

export const GenerateGridParamsSchema = z
  .strictObject({
    ...cellShape,
    /** Columns. */
    x: XyAxisSchema,
    /** Rows; left out = one row. */
    y: XyAxisSchema.optional(),
  })
  .refine((p) => p.y === undefined || p.y.axis !== p.x.axis, { message: 'expected two different axes for x and y', path: ['y'] })
  .refine((p) => p.x.values.length * (p.y?.values.length ?? 1) <= XY_GRID_LIMITS.cells, {
    message: `expected at most ${XY_GRID_LIMITS.cells} cells (x values × y values)`,
    path: ['x'],
  });
export type GenerateGridParams = z.input<typeof GenerateGridParamsSchema>;
export type GenerateGridRequest = z.output<typeof GenerateGridParamsSchema>;
