// Public surface of image upscaling (Real-ESRGAN-style upscaler models).
export { ImageUpscaler, upscalerModelPath, type UpscaleOptions, type UpscaleResult } from './image-upscaler.ts';
export { planTiles, type TileWindow, type TilePlanOptions } from './tile-plan.ts';
