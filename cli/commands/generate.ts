// `tessera generate`: text-to-image, image-to-image (--init --strength) and inpainting (--init --mask).
import { LOW_MEMORY_OPTION } from '../low-memory-option.ts';
import path from 'node:path';
import { randomInt } from 'node:crypto';
import {
  DiffusionModel,
  SessionCache,
  TesseraError,
  decodeMask,
  decodeRgb,
  ImageUpscaler,
  findModelOfKind,
  hiresUpscalerOf,
  isBuiltinHiresUpscaler,
  outpaintLayout,
  generationDefaultsFor,
  DEFAULT_FAST_DECODE,
  parametersOf,
  runGeneration,
  writeGeneratedPng,
  type FullGenerationRequest,
  type HiresFixSpec,
  resolveModelArg,
} from '../../native-models/index.ts';
import { HIRES_OPTIONS, HIRES_USAGE, OUTPAINT_OPTIONS, OUTPAINT_USAGE, parseHiresOptions, parseOutpaintOptions } from '../outpaint-hires-options.ts';
import { UPSCALER_WANTED } from './upscale.ts';
import { REFINER_OPTIONS, REFINER_USAGE, parseRefinerOptions } from '../refiner-options.ts';
import { CliUsageError } from '../usage-error.ts';
import { refuseExisting } from '../refuse-existing.ts';
import { createProgressReporter } from '../progress-reporter.ts';
import { parseNumberOption } from '../parse-number-option.ts';
import { GENERATION_OPTIONS } from '../generation-options.ts';
import { parseOptions } from '../parse-options.ts';
import { parseProviderOption } from '../provider-option.ts';
import { MAX_PIXELS_OPTION, applyMaxPixels } from '../max-pixels-option.ts';
import { PROMPT_FILE_OPTIONS, textOrFile } from '../text-file-options.ts';

const USAGE =
  'usage: tessera generate --model NAME|DIR (--prompt TEXT | --prompt-file FILE) [--negative TEXT | --negative-file FILE] [--steps N] [--scheduler NAME] [--guidance G] [--seed S] ' +
  `[--width W] [--height H] [--count N] [--batch-size B] [--init IMAGE --strength S] [--mask MASK.png] ${OUTPAINT_USAGE} ${HIRES_USAGE} ${REFINER_USAGE} [--fast-decode] [--out PATH] [--overwrite] [--max-pixels N] [--json]`;

const OPTIONS = {
  ...GENERATION_OPTIONS,
  ...MAX_PIXELS_OPTION,
  ...PROMPT_FILE_OPTIONS,
  ...OUTPAINT_OPTIONS,
  ...HIRES_OPTIONS,
  ...REFINER_OPTIONS,
  model: { type: 'string' },
  prompt: { type: 'string' },
  'batch-size': { type: 'string' },
  init: { type: 'string' },
  mask: { type: 'string' },
  out: { type: 'string' },
  ...LOW_MEMORY_OPTION,
} as const;

/** Image k of n goes to PATH itself when n = 1, else to PATH with "-<seed>" before the extension. */
function outputPath(out: string, seed: number, count: number): string {
  if (count === 1) return out;
  const ext = path.extname(out) || '.png';
  return `${out.slice(0, out.length - path.extname(out).length)}-${seed}${ext}`;
}

/** The upscaler model --hires-upscaler names (a models-folder name or a path), opened; none for the built-ins. */
async function openHiresUpscaler(hires: HiresFixSpec | undefined): Promise<ImageUpscaler | undefined> {
  if (!hires || isBuiltinHiresUpscaler(hires.upscaler)) return undefined;
  const found = await findModelOfKind(UPSCALER_WANTED, hires.upscaler);
  return ImageUpscaler.open(found.path);
}

export async function run(args: string[]): Promise<number> {
  const v = parseOptions(args, OPTIONS, USAGE);
  applyMaxPixels(v['max-pixels']);
  const prompt = textOrFile('prompt', v.prompt, v['prompt-file']);
  const negative = textOrFile('negative', v.negative, v['negative-file']);
  if (!v.model) throw new CliUsageError(`--model is required\n${USAGE}`);
  if (prompt === undefined) throw new CliUsageError(`--prompt (or --prompt-file) is required\n${USAGE}`);
  if (v.strength !== undefined && !v.init) throw new CliUsageError('--strength needs --init IMAGE');
  if (v.mask && !v.init) throw new CliUsageError('--mask needs --init IMAGE');
  const outpaint = parseOutpaintOptions(v);
  const hires = parseHiresOptions(v);
  const refiner = parseRefinerOptions(v);
  if (outpaint && (!v.init || v.mask)) throw new CliUsageError('--outpaint needs --init IMAGE and makes its own mask (leave --mask out)');
  if (hires && v.init) throw new CliUsageError('--hires-* is a text-to-image option (leave --init out)');

  // Where the images go is known before any work: refuse a taken path now, not after every step has run.
  const seed = parseNumberOption('seed', v.seed, randomInt(2 ** 32));
  const count = parseNumberOption('count', v.count, 1);
  const out = v.out ?? `tessera-${seed}.png`;
  if (!v.overwrite) await refuseExisting(Array.from({ length: count }, (_, k) => outputPath(out, seed + k, count)));

  const modelPath = (await resolveModelArg(v.model)).path;
  const sessions = new SessionCache({ provider: await parseProviderOption(v.provider), threads: parseNumberOption('threads', v.threads, 0), lowMemory: v['low-memory'] ?? false });
  const refinerPath = refiner ? (await resolveModelArg(refiner.model)).path : undefined;
  // With a refiner the memory guard decides for both models together (they are open side by side).
  const { model, refiner: refinerModel } = refinerPath ? await DiffusionModel.openWithRefiner(modelPath, refinerPath, sessions) : { model: await DiffusionModel.open(modelPath, sessions), refiner: undefined };
  const defaults = generationDefaultsFor(model.report.diffusion);
  const initImage = v.init ? await decodeRgb(v.init) : undefined;
  // outpainting: the size is the extended one (the engine refuses any other)
  const layout = initImage && outpaint ? outpaintLayout(initImage.width, initImage.height, outpaint) : undefined;
  const width = parseNumberOption('width', v.width, layout?.width ?? initImage?.width ?? defaults.width);
  const height = parseNumberOption('height', v.height, layout?.height ?? initImage?.height ?? defaults.height);
  if (initImage && !outpaint && (initImage.width !== width || initImage.height !== height)) {
    throw new TesseraError('INVALID_ARGUMENT', `--init image is ${initImage.width}×${initImage.height}, expected ${width}×${height} (resize it or omit --width/--height)`);
  }
  const mask = v.mask ? await decodeMask(v.mask, { width, height }) : undefined;
  const request: FullGenerationRequest = {
    prompt,
    negativePrompt: negative,
    // The engine's defaults (api/generation-defaults.ts), as the Studio and batch use them; few-step models
    // (SD-Turbo, SDXL-Turbo, LCM) and SDXL (1024²) get their own regime.
    scheduler: v.scheduler ?? (defaults.scheduler || undefined),
    steps: parseNumberOption('steps', v.steps, defaults.steps),
    guidance: parseNumberOption('guidance', v.guidance, defaults.guidance),
    seed,
    width,
    height,
    batchSize: parseNumberOption('batch-size', v['batch-size'], 1),
    initImage,
    strength: v.strength === undefined ? undefined : parseNumberOption('strength', v.strength, 1),
    mask,
    outpaint,
    hires,
    fastDecode: v['fast-decode'] ?? DEFAULT_FAST_DECODE,
    ...(refiner && refinerPath ? { refiner: { title: path.basename(refinerPath), switchAt: refiner.switchAt } } : {}),
  };
  const hiresUpscaler = await openHiresUpscaler(hires);
  const reporter = createProgressReporter(v.json ?? false);
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  const written: string[] = [];
  try {
    await runGeneration(model, request, {
      count,
      signal: controller.signal,
      onProgress: (p) => reporter.update(p.step + p.batchIndex * p.totalSteps, p.totalSteps * p.batchCount, 'steps', { elapsedMs: Math.round(p.elapsedMs) }),
      // Each image is written as soon as it is made, so an interrupt keeps the finished ones.
      onImage: async (generated) => {
        const file = outputPath(out, generated.seed, count);
        await writeGeneratedPng(file, generated, parametersOf(request, generated, path.basename(path.resolve(v.model!))), { overwrite: v.overwrite ?? false });
        written.push(file);
        reporter.event('image', { path: file, seed: generated.seed, steps: generated.stepsRun }, `wrote ${file} (seed ${generated.seed})`);
      },
    }, { hiresUpscaler: hiresUpscaler && hiresUpscalerOf(hiresUpscaler), refinerModel });
    reporter.finish();
    return 0;
  } catch (error) {
    if (!(controller.signal.aborted && error instanceof TesseraError && error.code === 'CANCELLED')) throw error;
    reporter.finish();
    const kept = written.length ? `kept ${written.length} of ${count} images: ${written.join(', ')}` : `no image of ${count} was finished, nothing written`;
    reporter.event('interrupted', { written, count }, `interrupted: ${kept}`);
    // 128 + SIGINT, as a shell reports a command stopped by Ctrl+C.
    return 130;
  } finally {
    process.off('SIGINT', onSigint);
    await model.release();
    await refinerModel?.release();
    await hiresUpscaler?.release();
  }
}
