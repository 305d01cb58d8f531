// Public surface of segmentation.
export { SamSegmenter, type PredictRequest, type PredictResult, type PredictedMask, type SegmentPoint, type SegmentBox, type SamSegmenterOptions } from './sam-segmenter.ts';
export { segmentEverything, type EverythingMask, type EverythingOptions } from './segment-everything.ts';
export { EmbeddingCache, imageKey } from './embedding-cache.ts';
export { writeSegmentationOutputs, maskJson, type SegmentationOutputs } from './segmentation-outputs.ts';
export { writeAnnotationFiles, cocoFileText, yoloFiles, type AnnotationTargets, type AnnotationFile } from './annotation-files.ts';
