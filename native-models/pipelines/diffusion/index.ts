// Public surface of the diffusion pipelines.
export { DiffusionModel } from './diffusion-model.ts';
export { generateImages, type GeneratedImage, type GenerationProgress, type GenerateOptions } from './generate-images.ts';
export { validateGenerationRequest, type GenerationRequest, type GrayMask } from './generation-request.ts';
export { writeGeneratedPng, encodeGeneratedPng, parametersOf, GENERATOR_NAME } from './generated-image-file.ts';
export { previewLatents } from './latent-preview.ts';
export { runGeneration, type FullGenerationRequest, type RunGenerationExtras } from './run-generation.ts';
export { generateHires, hiresSize, hiresUpscalerOf, hiresScheduleSteps, type HiresImageUpscaler } from './hires-fix.ts';
export { outpaintRequest, outpaintCanvas, outpaintMask } from './outpaint.ts';
