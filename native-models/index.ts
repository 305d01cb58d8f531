// The engine's public surface: hosts (CLI, Electron main, web host) and outside scripts import only this file.
export { TesseraError, isTesseraError, ERROR_CODES, type ErrorCode } from './api/errors.ts';
export { makeTensor, float32Tensor, elementCount, type Tensor, type TensorType } from './core/tensor.ts';
export { float32ToFloat16Bits, float16BitsToFloat32 } from './core/float16.ts';
export { loadOnnxModel, OnnxModel, SessionCache, probeProviders, resolveProviders, type RuntimeOptions, type TensorInfo, type ProviderName } from './runtime/index.ts';
export { inspectModelFolder, readOnnxHeader, type ModelFolderReport, type FolderProblem } from './models/index.ts';
export { makeDemoPack, DEMO_PACK_MARKER, type DemoPackSummary } from './demo/make-demo-pack.ts';
export * from './image/index.ts';
export * from './core/mask/index.ts';
export * from './api/generation-parameters.ts';
export * from './pipelines/diffusion/index.ts';
