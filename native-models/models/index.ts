// Model folders: discovery, validation and reports.
export { inspectModelFolder } from './inspect-model-folder.ts';
export { inspectModelsInside } from './inspect-models-inside.ts';
export { capabilitiesOf } from './model-capabilities.ts';
export type { ModelFolderReport, FolderProblem, DiffusionDetails, SamDetails, UpscalerDetails, Precision } from './model-folder-report.ts';
export { readOnnxHeader, type OnnxHeader, type OnnxValueHeader } from './onnx-header-reader.ts';
