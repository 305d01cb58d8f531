// Public surface of image I/O: decode, encode, atomic writes, image↔tensor, resize, cut-outs, PNG metadata.

export type { RgbImage, GrayImage, PixelImage, ImageSize } from './rgb-image.ts';
export { DEFAULT_MAX_PIXELS, MaxPixelsSchema, maxPixels, setMaxPixels, sharpOfEncoded } from './pixel-limit.ts';
export { decodeImage, decodeRgb, readImageSize } from './decode-image.ts';
export type { DecodeImageOptions } from './decode-image.ts';
export { decodeMask, binariseMaskImage } from './decode-mask.ts';
export { encodePng, encodeGrayPng, encodeMaskPng } from './encode-png.ts';
export type { EncodePngOptions } from './encode-png.ts';
export { writeFileAtomic, ATOMIC_TEMP_PATTERN } from './write-file-atomic.ts';
export type { WriteFileAtomicOptions } from './write-file-atomic.ts';
export { imageToTensor, tensorToImages, tensorToImage } from './image-tensor.ts';
export { resizeImage, resizeGray, resizeForImg2Img, floorToMultiple } from './resize-image.ts';
export type { ResizeKernel } from './resize-image.ts';
export { composeCutout } from './cutout.ts';
export type { Cutout, CutoutOptions } from './cutout.ts';
export { flattenOnColor, type RgbaColor } from './background-color.ts';
export { addGenerationParameters, readGenerationParameters, TESSERA_KEYWORD, A1111_KEYWORD } from './png-metadata/generation-metadata.ts';
export type { GenerationMetadata, WriteMetadataOptions } from './png-metadata/generation-metadata.ts';
export { readPngTextChunks, setPngTextChunks } from './png-metadata/png-text-chunks.ts';
export type { PngTextChunk } from './png-metadata/png-text-chunks.ts';
