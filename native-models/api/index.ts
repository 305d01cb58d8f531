// The contract's public surface: schemas, the TesseraApi types, validation at the edge, transport names.
export * from './errors.ts';
export * from './api-methods.ts';
export * from './api-dispatch.ts';
export * from './transport-names.ts';
export * from './model-schemas.ts';
export * from './image-schemas.ts';
export * from './generation-schemas.ts';
export * from './segmentation-schemas.ts';
export * from './job-schemas.ts';
export * from './health-schemas.ts';
export * from './batch-schemas.ts';
export * from './batch-review-schemas.ts';
export * from './queue-schemas.ts';
export * from './history-schemas.ts';
export * from './settings-schemas.ts';
export * from './parameter-limits.ts';
export type { PreloadBridge } from './preload-bridge.ts';
