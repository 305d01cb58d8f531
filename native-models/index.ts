// The engine's public surface: hosts (CLI, Electron main, web host) and outside scripts import only this file.
export { TesseraError, isTesseraError, ERROR_CODES, type ErrorCode } from './api/errors.ts';
export { ownEntry, isOwnKey } from './core/own-entry.ts';
export { PARAMETER_LIMITS, describeLimit, withinLimit, type NumberLimit } from './api/parameter-limits.ts';
export { makeTensor, float32Tensor, elementCount, type Tensor, type TensorType } from './core/tensor.ts';
export { float32ToFloat16Bits, float16BitsToFloat32 } from './core/float16.ts';
export { loadOnnxModel, OnnxModel, SessionCache, probeProviders, detectProviders, checkProviderSetting, resolveProviders, type RuntimeOptions, type TensorInfo, type ProviderName } from './runtime/index.ts';
export { inspectModelFolder, inspectModelsInside, readOnnxHeader, type ModelFolderReport, type FolderProblem } from './models/index.ts';
export { makeDemoPack, DEMO_PACK_MARKER, type DemoPackSummary } from './demo/make-demo-pack.ts';
export * from './image/index.ts';
export * from './core/mask/index.ts';
export * from './api/generation-parameters.ts';
export * from './api/generation-defaults.ts';
export * from './pipelines/diffusion/index.ts';
export { gaussianNoise } from './core/random/gaussian-noise.ts';
export { TorchCpuGenerator } from './core/random/torch-cpu-generator.ts';
export type { NoiseSource } from './core/noise-source.ts';
export { parsePromptAttention, tokenizeWeightedPrompt, applyPromptWeights } from './core/tokenizer/prompt-weighting.ts';
export { loadClipTokenizer } from './models/tokenizer-folder.ts';

import { ClipTokenizer as CoreClipTokenizer } from './core/tokenizer/clip-tokenizer.ts';
import { loadClipTokenizer as loadTokenizerFolder } from './models/tokenizer-folder.ts';

/**
 * The CLIP tokenizer with `ClipTokenizer.fromFolder(dir)`: the class itself lives in core/ (pure, no file
 * access, so the renderer can use it); reading a model's tokenizer/ folder is the models/ layer's job.
 */
export const ClipTokenizer: typeof CoreClipTokenizer & { fromFolder(dir: string): Promise<CoreClipTokenizer> } = Object.assign(CoreClipTokenizer, {
  fromFolder: loadTokenizerFolder,
});
export type ClipTokenizer = CoreClipTokenizer;
export * from './pipelines/segment/index.ts';
export * from './pipelines/subject/index.ts';
export * from './pipelines/upscale/index.ts';
export * from './pipelines/xy-grid/index.ts';
export { planGrid, applyPromptReplace, axisValueLabel, type GridCell, type GridCellSettings, type GridPlan } from './core/xy-grid/grid-plan.ts';
export { parseAxisSpec, parseAxisValues, splitAxisValues, isXyAxisName } from './core/xy-grid/parse-axis-values.ts';
export { renderGridImage, gridLayout, headerText, MISSING_CELL_GREY, type GridLabels, type GridLayout } from './image/xy-grid-image.ts';
export { UPSCALE_DEFAULTS, MIN_UPSCALE_TILE } from './api/upscale-schemas.ts';
export * from './api/outpaint-hires-schemas.ts';
export * from './api/refiner-schemas.ts';
export { XY_AXES, XY_AXIS_TITLES, XY_GRID_LIMITS, type XyAxis, type XyAxisName } from './api/xy-grid-schemas.ts';
export { findSubjectModel, type SubjectModelLookup } from './service/subject-model-lookup.ts';
export { findModelOfKind, resolveModelArg, type ModelLookup, type ModelKindWanted } from './service/model-lookup.ts';
export { SUBJECT_FAMILIES, SUBJECT_CONTRACTS, FAMILY_GROUP, type SubjectFamily, type SubjectGroup, type SubjectContract } from './models/subject-contracts.ts';
export { resizeLongestSide, ResizeLongestSideTransform, type PointXY, type Size } from './core/geometry/resize-longest-side.ts';
export { outpaintLayout, type OutpaintLayout, type OutpaintSides } from './core/geometry/outpaint-layout.ts';
export { hiresTargetSize } from './core/geometry/hires-size.ts';
export { createScheduler, resolveSchedulerName, SCHEDULER_NAMES, SCHEDULER_LABELS, type SchedulerName } from './core/schedulers/create-scheduler.ts';
export type { Scheduler, SchedulerStepResult } from './core/schedulers/scheduler.ts';
export * from './models/manager/index.ts';
export { loadCatalogue, findCatalogueEntry, parseCatalogueEntry, estimatedEntryBytes, catalogueHashStatus, DEFAULT_CATALOGUE_PATH, type Catalogue, type CatalogueHashStatus, type CatalogueEntry, type CatalogueFile } from './models/catalogue.ts';
export * from './batch/index.ts';
export { loadCatalogueSources, USER_CATALOGUE_FILE, type CatalogueSources, type CatalogueWithOrigin } from './models/catalogue-sources.ts';
export { CATALOGUE_KINDS, CATALOGUE_TASKS } from './models/catalogue.ts';
export { LicenceAcceptance, ACCEPTED_LICENCES_FILE } from './service/licence-acceptance.ts';
export { removeInstalledModel, type RemovedModel } from './service/model-removal.ts';
export { ModelRegistry } from './service/model-registry.ts';
export { defaultDataDir } from './service/data-folder.ts';
export { EVERYTHING_DEFAULTS, EverythingOptionsSchema, type EverythingOptionValues } from './api/segment-everything-schemas.ts';
