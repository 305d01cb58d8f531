// The runtime layer's public surface: the only place onnxruntime-node is used (style rule 4).
import { OnnxModel, type RuntimeOptions } from './onnx-model.ts';

export { OnnxModel, type RuntimeOptions, type GraphOptimizationLevel } from './onnx-model.ts';
export { SessionCache, type SessionCacheOptions, type ModelSessionOverrides } from './session-cache.ts';
export { CpuContention } from './machine-load.ts';
export { probeProviders, detectProviders, providersToTry, checkProviderSetting, installedProviders, resolveProviders, PROVIDER_NAMES, type ProviderName, type ConcreteProvider, type ProviderAvailability, type DetectOptions } from './execution-providers.ts';
export { probeProvider, onnxRuntimeVersion, type ProbeOutcome } from './provider-probe.ts';
export { validateFeeds } from './feed-validation.ts';
export type { TensorInfo } from './tensor-info.ts';
export { describeTensorInfo } from './tensor-info.ts';

/** Loads one model file into a new session (callers that share sessions use SessionCache). */
export function loadOnnxModel(modelPath: string, options: RuntimeOptions = {}): Promise<OnnxModel> {
  return OnnxModel.load(modelPath, options);
}
