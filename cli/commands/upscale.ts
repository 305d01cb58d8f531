// `tessera upscale IN OUT`: one image upscaled by an upscaler model (Real-ESRGAN-style ONNX), tiled with overlap
// so any size fits in memory; the tile defaults are the engine's (UPSCALE_DEFAULTS).
import { ImageUpscaler, UPSCALE_DEFAULTS, MIN_UPSCALE_TILE, decodeRgb, encodePng, findModelOfKind, writeFileAtomic } from '../../native-models/index.ts';
import { CliUsageError } from '../usage-error.ts';
import { parseNumberOption } from '../parse-number-option.ts';
import { parseOptionsAndPositionals } from '../parse-options.ts';

const USAGE = `usage: tessera upscale IN OUT [--model NAME|DIR] [--tile N (default ${UPSCALE_DEFAULTS.tile})] [--overlap PX (default ${UPSCALE_DEFAULTS.overlap})] [--overwrite] [--json]`;

const OPTIONS = {
  model: { type: 'string' },
  tile: { type: 'string' },
  overlap: { type: 'string' },
  overwrite: { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

/** The upscaler kind as the model lookup wants it (shared with `batch upscale`). */
export const UPSCALER_WANTED = { kind: 'upscaler', what: 'an upscaler', demoFolder: 'demo-upscaler-x4' } as const;

function integerOption(name: string, raw: string | undefined, fallback: number, min: number): number {
  const value = parseNumberOption(name, raw, fallback);
  if (!Number.isInteger(value) || value < min) throw new CliUsageError(`--${name}: got "${raw}", expected an integer ≥ ${min}`);
  return value;
}

export async function run(args: string[]): Promise<number> {
  const { values: v, positionals } = parseOptionsAndPositionals(args, OPTIONS, USAGE);
  if (positionals.length !== 2) throw new CliUsageError(`upscale needs an input image and an output path\n${USAGE}`);
  const [input, output] = positionals as [string, string];
  const tile = integerOption('tile', v.tile, UPSCALE_DEFAULTS.tile, MIN_UPSCALE_TILE);
  const overlap = integerOption('overlap', v.overlap, UPSCALE_DEFAULTS.overlap, 0);
  const model = await findModelOfKind(UPSCALER_WANTED, v.model);
  const image = await decodeRgb(input);
  const upscaler = await ImageUpscaler.open(model.path);
  try {
    const result = await upscaler.upscale(image, { tile, overlap });
    await writeFileAtomic(output, await encodePng(result.image), { overwrite: v.overwrite ?? false });
    if (v.json) {
      const line = { type: 'upscale', input, output, model: model.label, scale: result.scale, width: result.image.width, height: result.image.height, tiles: result.tiles, tile, overlap };
      process.stdout.write(JSON.stringify(line) + '\n');
    } else {
      process.stdout.write(`${output}: ${image.width}×${image.height} → ${result.image.width}×${result.image.height} (×${result.scale}) with ${model.label}, ${result.tiles} tile(s)\n`);
    }
    return 0;
  } finally {
    await upscaler.release();
  }
}
