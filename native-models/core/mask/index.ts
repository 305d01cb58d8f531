// Public surface of the pure mask operations (RLE, polygons, scores, NMS, morphology, feathering).

export { createMask, assertSameMaskSize, maskArea, maskBoundingBox, maskFromGray, maskToGray, invertMask } from './binary-mask.ts';
export type { BinaryMask, PixelBox } from './binary-mask.ts';
export { encodeRle, encodeCompressedRle, decodeRle, compressRleCounts, decompressRleCounts } from './coco-rle.ts';
export type { CocoRle, CocoCompressedRle } from './coco-rle.ts';
export { maskToPolygons, polygonsToMask, isOuterRing } from './mask-polygons.ts';
export type { MaskToPolygonsOptions } from './mask-polygons.ts';
export { traceMaskBoundaries, ringSignedArea2 } from './contour-trace.ts';
export { simplifyPolyline, simplifyRing } from './douglas-peucker.ts';
export { maskIou, stabilityScore } from './mask-scores.ts';
export { maskNms } from './mask-nms.ts';
export { growMask, shrinkMask } from './mask-morphology.ts';
export type { StructuringElement } from './mask-morphology.ts';
export { boxBlur, featherMask } from './mask-feather.ts';
export { labelComponents, removeSmallRegions } from './connected-components.ts';
export type { ComponentLabels } from './connected-components.ts';
export { cocoInstances, yoloSegLabels, classNames } from './annotation-formats.ts';
export type { AnnotatedImage, AnnotatedObject, CocoInstances, CocoAnnotation } from './annotation-formats.ts';
