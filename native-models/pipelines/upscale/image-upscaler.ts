// Runs a Real-ESRGAN-style upscaler ([1, 3, H, W] RGB 0–1 in, [1, 3, sH, sW] out, float32 or float16 as the export
// declares) over any image size in tiles: each window read with context, cropped back to its core, so the tiled
// result equals the untiled one for a model whose receptive field fits in the overlap.
import path from 'node:path';
import { TesseraError } from '../../api/errors.ts';
import { UPSCALE_DEFAULTS, MIN_UPSCALE_TILE } from '../../api/upscale-schemas.ts';
import type { RgbImage } from '../../image/rgb-image.ts';
import { inspectModelFolder, type ModelFolderReport } from '../../models/index.ts';
import type { UpscalerDetails } from '../../models/upscaler-folder-inspect.ts';
import { SessionCache, type OnnxModel } from '../../runtime/index.ts';
import { floatFeed, floatOutput } from '../diffusion/model-io-types.ts';
import { planTiles, type TileWindow } from './tile-plan.ts';

export interface UpscaleOptions {
  /** Tile core side in input pixels (default UPSCALE_DEFAULTS.tile); a fixed-size export uses its own size. */
  tile?: number;
  /** Context pixels per side (default UPSCALE_DEFAULTS.overlap). */
  overlap?: number;
  /** Called after each tile (done of total), for progress. */
  onTile?: (done: number, total: number) => void;
}

export interface UpscaleResult {
  image: RgbImage;
  scale: number;
  tiles: number;
}

/** The .onnx an upscaler report describes (the report's path is the file itself or its folder). */
export function upscalerModelPath(report: ModelFolderReport): string {
  if (!report.upscaler) throw new TesseraError('INTERNAL', `${report.path}: got a ${report.kind} report, expected an upscaler one`);
  return report.path.toLowerCase().endsWith('.onnx') ? report.path : path.join(report.path, report.upscaler.modelFile);
}

/** The side of the probe image when the graph leaves H and W free: small, but above any export's pixel-unshuffle multiple. */
const PROBE_SIDE = 16;

export class ImageUpscaler {
  private constructor(
    readonly modelPath: string,
    readonly details: UpscalerDetails,
    /** Output side / input side. */
    readonly scale: number,
    private readonly model: OnnxModel,
    private readonly ownSessions: SessionCache | undefined,
  ) {}

  /** Opens an upscaler (folder or .onnx); the scale comes from the declared shapes or a probe run on a 16² grey image. */
  static async open(modelPath: string, options: { sessions?: SessionCache } = {}): Promise<ImageUpscaler> {
    const report = await inspectModelFolder(modelPath);
    if (report.kind !== 'upscaler' || !report.upscaler || !report.usable) {
      const why = report.problems.map((p) => p.message).join('; ') || `it is a ${report.kind} model`;
      throw new TesseraError('MODEL_INVALID', `${modelPath}: got no usable upscaler (${why}), expected an ONNX [1, 3, H, W] → [1, 3, sH, sW] image model`);
    }
    const sessions = options.sessions ?? new SessionCache();
    const file = upscalerModelPath(report);
    const model = await sessions.get(file);
    const details = report.upscaler;
    const scale = details.scale ?? (await probeScale(model, details, file));
    return new ImageUpscaler(file, details, scale, model, options.sessions ? undefined : sessions);
  }

  /** The model on one window of `image`: [3, sh, sw] float32 0–1 planes (the export's own range, unclamped). */
  async runWindow(image: RgbImage, x: number, y: number, width: number, height: number): Promise<Float32Array> {
    const { channels, data } = image;
    const plane = width * height;
    const input = new Float32Array(3 * plane);
    for (let row = 0; row < height; row++) {
      for (let col = 0; col < width; col++) {
        const p = ((y + row) * image.width + x + col) * channels;
        const i = row * width + col;
        input[i] = data[p]! / 255;
        input[plane + i] = data[p + 1]! / 255;
        input[2 * plane + i] = data[p + 2]! / 255;
      }
    }
    const outputs = await this.model.run({ [this.details.inputName]: floatFeed(this.model, this.details.inputName, input, [1, 3, height, width]) }, [this.details.outputName]);
    const out = floatOutput(this.model, outputs, this.details.outputName);
    const expected = [1, 3, height * this.scale, width * this.scale];
    if (out.dims.join() !== expected.join()) {
      throw new TesseraError('TENSOR_MISMATCH', `${this.modelPath}: output "${this.details.outputName}" got [${out.dims.join(', ')}] for a ${width}×${height} input, expected [${expected.join(', ')}] (×${this.scale})`);
    }
    return out.data;
  }

  /** The whole image upscaled, tile by tile. Alpha, where present, is dropped (the output is RGB). */
  async upscale(image: RgbImage, options: UpscaleOptions = {}): Promise<UpscaleResult> {
    const overlap = options.overlap ?? UPSCALE_DEFAULTS.overlap;
    const fixedSize = this.details.fixedSize;
    let tile = options.tile ?? UPSCALE_DEFAULTS.tile;
    if (!Number.isInteger(tile) || tile < MIN_UPSCALE_TILE) throw new TesseraError('INVALID_ARGUMENT', `tile: got ${tile}, expected an integer ≥ ${MIN_UPSCALE_TILE}`);
    if (!Number.isInteger(overlap) || overlap < 0) throw new TesseraError('INVALID_ARGUMENT', `overlap: got ${overlap}, expected an integer ≥ 0`);
    if (fixedSize) {
      // A fixed-size export takes exactly its size: the core is what remains inside the context.
      if (image.height < fixedSize[0] || image.width < fixedSize[1]) {
        throw new TesseraError('UNSUPPORTED', `${this.modelPath}: got a ${image.width}×${image.height} image, expected at least the export's fixed ${fixedSize[1]}×${fixedSize[0]} input`);
      }
      tile = Math.max(1, Math.min(fixedSize[0], fixedSize[1]) - 2 * overlap);
    }
    const tiles = planTiles(image.width, image.height, { tile, overlap, fixedSize });
    return { image: await this.assemble(image, tiles, options.onTile), scale: this.scale, tiles: tiles.length };
  }

  /** Runs the given windows and copies each core's upscaled pixels into place: round(clamp(v, 0, 1) · 255) as Real-ESRGAN. */
  async assemble(image: RgbImage, tiles: readonly TileWindow[], onTile?: (done: number, total: number) => void): Promise<RgbImage> {
    const s = this.scale;
    const outWidth = image.width * s;
    const out = new Uint8Array(outWidth * image.height * s * 3);
    for (const [index, t] of tiles.entries()) {
      const planes = await this.runWindow(image, t.x, t.y, t.width, t.height);
      const tileWidth = t.width * s;
      const plane = tileWidth * t.height * s;
      for (let row = 0; row < t.coreHeight * s; row++) {
        const srcRow = (t.coreY - t.y) * s + row;
        const dstRow = t.coreY * s + row;
        for (let col = 0; col < t.coreWidth * s; col++) {
          const src = srcRow * tileWidth + (t.coreX - t.x) * s + col;
          const dst = (dstRow * outWidth + t.coreX * s + col) * 3;
          for (let c = 0; c < 3; c++) out[dst + c] = toByte(planes[c * plane + src]!);
        }
      }
      onTile?.(index + 1, tiles.length);
    }
    return { width: outWidth, height: image.height * s, channels: 3, data: out };
  }

  async release(): Promise<void> {
    await this.ownSessions?.releaseAll();
  }
}

function toByte(v: number): number {
  return Number.isNaN(v) ? 0 : Math.round(Math.min(1, Math.max(0, v)) * 255);
}

async function probeScale(model: OnnxModel, details: UpscalerDetails, file: string): Promise<number> {
  const [h, w] = details.fixedSize ?? [PROBE_SIDE, PROBE_SIDE];
  const outputs = await model.run({ [details.inputName]: floatFeed(model, details.inputName, new Float32Array(3 * h * w).fill(0.5), [1, 3, h, w]) }, [details.outputName]);
  const dims = floatOutput(model, outputs, details.outputName).dims;
  const sy = dims[2]! / h;
  const sx = dims[3]! / w;
  if (dims.length !== 4 || dims[1] !== 3 || sy !== sx || !Number.isInteger(sy) || sy < 1) {
    throw new TesseraError('MODEL_INVALID', `${file}: a ${w}×${h} probe gave "${details.outputName}" [${dims.join(', ')}], expected [1, 3, s·${h}, s·${w}] with one integer scale s`);
  }
  return sy;
}
