// Model folders: discovery, validation and reports.
export { inspectModelFolder } from './inspect-model-folder.ts';
export { capabilitiesOf } from './model-capabilities.ts';
export type { ModelFolderReport, FolderProblem, DiffusionDetails, SamDetails, Precision } from './model-folder-report.ts';
export { readOnnxHeader, type OnnxHeader, type OnnxValueHeader } from './onnx-header-reader.ts';
