// Parses the options of `tessera batch <kind>` into a BatchJobSpec; openBatchJob opens the model and builds the job
// here, or `--redis` submits the same spec to workers (distributed-batch.ts).
import { LOW_MEMORY_OPTION } from '../low-memory-option.ts';
import { MIN_UPSCALE_TILE, PARAMETER_LIMITS, SessionCache, findSubjectModel, inspectModelFolder, isTesseraError, resolveModelArg } from '../../native-models/index.ts';
import { CUTOUT_PROMPT_MODES, openBatchJob, type BatchJobSpec, type CutoutPromptMode, type GenerationOverrides, type OpenedBatchJob } from '../../native-models/batch/index.ts';
import { parseNumberOption } from '../parse-number-option.ts';
import { CliUsageError } from '../usage-error.ts';
import { GENERATION_OPTIONS } from '../generation-options.ts';
import { HIRES_OPTIONS, HIRES_USAGE, OUTPAINT_OPTIONS, OUTPAINT_USAGE, parseHiresOptions, parseOutpaintOptions } from '../outpaint-hires-options.ts';
import { parseOptions } from '../parse-options.ts';
import { parseProviderOption } from '../provider-option.ts';
import { MAX_PIXELS_OPTION, applyMaxPixels } from '../max-pixels-option.ts';
import { PROMPT_FILE_OPTIONS, textOrFile } from '../text-file-options.ts';
import { REFINER_OPTIONS, REFINER_USAGE, parseRefinerOptions } from '../refiner-options.ts';
import { EVERYTHING_OPTIONS, EVERYTHING_USAGE, parseEverythingOptions } from '../everything-options.ts';

export const BATCH_USAGE = [
  'usage: tessera batch cutout [--model SAM_OR_BG_REMOVAL_NAME|DIR] --in DIR --out DIR [--prompt center|box-file|everything-largest|subject|everything] [--review-below X] [--crop] [--feather PX] [--no-mask] [--coco FILE [--coco-rle]] [--yolo DIR] [--label NAME] [everything options] [common options]',
  '       (--prompt everything: no cut-out, every mask found into x.regions.json, for --coco / --yolo)',
  '       (no --model: the first background-removal model installed, prompt mode subject; --review-below marks results under confidence X and lists them in review.jsonl)',
  `       tessera batch generate --model SD_NAME|DIR --prompts FILE --out DIR [--count N] [generation options] [hires options] [common options]`,
  `       tessera batch img2img --model SD_NAME|DIR --in DIR --out DIR (--prompt TEXT | --prompt-file FILE) --strength S ${OUTPAINT_USAGE} [generation options] [common options]`,
  '       tessera batch upscale --model UPSCALER_NAME|DIR --in DIR --out DIR [--tile N] [--overlap PX] [common options]   (x.png → x.png.upscaled.png)',
  'common options: [--recursive] [--overwrite] [--concurrency N] [--allow-output-inside-input] [--max-pixels N] [--json] [--provider NAME] [--threads N] [--low-memory]',
  'generation options: [--negative TEXT | --negative-file FILE] [--steps N] [--scheduler NAME] [--guidance G] [--seed S] [--width W --height H] [--fast-decode]',
  `hires options (batch generate, built-in upscalers): ${HIRES_USAGE}`,
  `refiner options (batch generate and img2img, SDXL): ${REFINER_USAGE}`,
  `everything options (--prompt everything, everything-largest; as segment --everything): ${EVERYTHING_USAGE}`,
].join('\n');

const OPTIONS = {
  ...GENERATION_OPTIONS,
  ...HIRES_OPTIONS,
  ...REFINER_OPTIONS,
  ...OUTPAINT_OPTIONS,
  ...MAX_PIXELS_OPTION,
  ...PROMPT_FILE_OPTIONS,
  ...LOW_MEMORY_OPTION,
  ...EVERYTHING_OPTIONS,
  model: { type: 'string' },
  in: { type: 'string' },
  out: { type: 'string' },
  prompt: { type: 'string' },
  prompts: { type: 'string' },
  recursive: { type: 'boolean' },
  crop: { type: 'boolean' },
  feather: { type: 'string' },
  'no-mask': { type: 'boolean' },
  'review-below': { type: 'string' },
  tile: { type: 'string' },
  overlap: { type: 'string' },
  concurrency: { type: 'string' },
  'allow-output-inside-input': { type: 'boolean' },
  coco: { type: 'string' },
  'coco-rle': { type: 'boolean' },
  yolo: { type: 'string' },
  label: { type: 'string' },
} as const;

export interface ParsedBatch {
  kind: 'cutout' | 'generate' | 'img2img' | 'upscale';
  out: string;
  inputDir?: string;
  overwrite: boolean;
  allowOutputInsideInput: boolean;
  concurrency: number;
  json: boolean;
  /** The batch as plain data (`model` is the --model folder as given). */
  spec: BatchJobSpec;
  /** Opens the model and builds the job; `release` frees the model afterwards. */
  open(): Promise<OpenedBatchJob>;
  /** Cut-out only: COCO / YOLO-seg files made from the folder's masks after the run (--coco, --yolo). */
  annotations?: BatchAnnotations;
}

export interface BatchAnnotations {
  cocoPath?: string;
  yoloDir?: string;
  cocoSegmentation: 'polygons' | 'rle';
  label: string;
}

function required(value: string | undefined, flag: string, kind: string): string {
  if (value === undefined || value === '') throw new CliUsageError(`batch ${kind}: --${flag} is required\n${BATCH_USAGE}`);
  return value;
}

/**
 * `batch cutout` defaults that need the disk: without --model, the first background-removal model installed (a
 * clear error when there is none); without --prompt, `subject` when the model is a background-removal model, so
 * that the spec says it (a distributed batch plans its items without opening the model).
 */
export async function withDefaultCutoutModel(args: string[]): Promise<string[]> {
  if (args[0] !== 'cutout') return args;
  const given = (flag: string) => args.some((a) => a === flag || a.startsWith(`${flag}=`));
  const withModel = given('--model') ? args : [...args, '--model', (await findSubjectModel(undefined)).path];
  if (given('--prompt')) return withModel;
  const model = modelArgOf(withModel)?.value;
  const isSubjectModel = model !== undefined && (await inspectModelFolder(model)).kind === 'background-removal';
  return isSubjectModel ? [...withModel, '--prompt', 'subject'] : withModel;
}

/** Where `--model X` / `--model=X` (or another model flag) sits in `args`, and X. */
function modelArgOf(args: string[], flag = '--model'): { at: number; value: string | undefined } | undefined {
  const at = args.findIndex((a) => a === flag || a.startsWith(`${flag}=`));
  if (at < 0) return undefined;
  return { at, value: args[at]!.includes('=') ? args[at]!.slice(flag.length + 1) : args[at + 1] };
}

/**
 * `--model NAME` becomes the installed model's folder (the spec records paths). A name this machine lacks is kept:
 * a distributed batch's workers look it up among their own models, a local batch reports it after the usage checks.
 */
export async function withResolvedModel(args: string[]): Promise<string[]> {
  return await resolvedFlag(await resolvedFlag(args, '--model'), '--refiner');
}

async function resolvedFlag(args: string[], flag: string): Promise<string[]> {
  const found = modelArgOf(args, flag);
  if (found?.value === undefined) return args;
  try {
    const { path } = await resolveModelArg(found.value);
    const resolved = [...args];
    resolved.splice(found.at, resolved[found.at]!.includes('=') ? 1 : 2, flag, path);
    return resolved;
  } catch (error) {
    if (isTesseraError(error) && error.code === 'MODEL_NOT_FOUND') return args;
    throw error;
  }
}

export function parseBatchArgs(args: string[]): ParsedBatch {
  const [kind, ...rest] = args;
  if (kind !== 'cutout' && kind !== 'generate' && kind !== 'img2img' && kind !== 'upscale') {
    throw new CliUsageError(`batch: got ${kind === undefined ? 'no job kind' : `"${kind}"`}, expected cutout, generate, img2img or upscale\n${BATCH_USAGE}`);
  }
  const v = parseOptions(rest, OPTIONS, BATCH_USAGE);
  // In the spec, so workers of a distributed batch decode under the same limit.
  const limitInputPixels = applyMaxPixels(v['max-pixels']);
  const refiner = parseRefinerOptions(v);
  if (refiner && kind !== 'generate' && kind !== 'img2img') throw new CliUsageError(`batch ${kind}: --refiner is for batch generate and img2img`);
  if (kind !== 'generate' && parseHiresOptions(v)) throw new CliUsageError(`batch ${kind}: --hires-* is for batch generate (text-to-image)`);
  if (kind !== 'img2img' && (v.outpaint !== undefined || v['outpaint-overlap'] !== undefined)) throw new CliUsageError(`batch ${kind}: --outpaint is for batch img2img (each image extended by those sides)`);
  const modelDir = required(v.model, 'model', kind);
  const out = required(v.out, 'out', kind);
  const threads = parseNumberOption('threads', v.threads, 0);
  const sessions = async () => new SessionCache({ provider: await parseProviderOption(v.provider), threads, lowMemory: v['low-memory'] ?? false });
  const common = {
    kind,
    out,
    overwrite: v.overwrite ?? false,
    allowOutputInsideInput: v['allow-output-inside-input'] ?? false,
    concurrency: parseNumberOption('concurrency', v.concurrency, 2),
    json: v.json ?? false,
  } as const;
  const folder = () => ({ model: modelDir, inputDir: required(v.in, 'in', kind), outputDir: out, recursive: v.recursive ?? false, allowOutputInsideInput: common.allowOutputInsideInput, limitInputPixels });
  const optional = (name: 'steps' | 'guidance' | 'seed' | 'width' | 'height') => (v[name] === undefined ? undefined : parseNumberOption(name, v[name], 0));
  const settings = (): GenerationOverrides => ({
    negativePrompt: textOrFile('negative', v.negative, v['negative-file']),
    scheduler: v.scheduler,
    steps: optional('steps'),
    guidance: optional('guidance'),
    seed: optional('seed'),
    width: optional('width'),
    height: optional('height'),
    ...(v['fast-decode'] ? { fastDecode: true } : {}),
    ...(refiner ? { refiner } : {}),
  });
  const planned = (spec: BatchJobSpec) => ({ spec, open: async () => openBatchJob(spec, await sessions()) });

  if (kind === 'cutout') {
    // Left out, the model decides: `subject` for a background-removal model, `center` for SAM (cutout-job.ts).
    const prompt = v.prompt as CutoutPromptMode | undefined;
    if (prompt !== undefined && !CUTOUT_PROMPT_MODES.includes(prompt)) throw new CliUsageError(`--prompt: got "${prompt}", expected one of ${CUTOUT_PROMPT_MODES.join(', ')}`);
    const options = folder();
    const featherPx = parseNumberOption('feather', v.feather, 0);
    const reviewBelow = v['review-below'] === undefined ? undefined : Number(v['review-below']);
    if (reviewBelow !== undefined && !(reviewBelow >= 0 && reviewBelow <= 1)) throw new CliUsageError(`--review-below: got "${v['review-below']}", expected a confidence between 0 and 1`);
    // Given at all, the options are checked with the engine's schema; the job refuses them with a click mode.
    const everythingGiven = Object.keys(EVERYTHING_OPTIONS).some((flag) => v[flag as keyof typeof EVERYTHING_OPTIONS] !== undefined);
    const everything = everythingGiven ? { everything: parseEverythingOptions(v) } : {};
    const cutout = { ...(prompt !== undefined ? { prompt } : {}), ...(reviewBelow !== undefined ? { reviewBelow } : {}), ...everything };
    const wantsAnnotations = v.coco !== undefined || v.yolo !== undefined;
    if (wantsAnnotations && v['no-mask']) throw new CliUsageError('--coco / --yolo are made from the masks: they cannot go with --no-mask');
    const annotations = wantsAnnotations ? { annotations: { cocoPath: v.coco, yoloDir: v.yolo, cocoSegmentation: v['coco-rle'] ? ('rle' as const) : ('polygons' as const), label: v.label ?? 'object' } } : {};
    return { ...common, inputDir: options.inputDir, ...annotations, ...planned({ kind, ...options, ...cutout, crop: v.crop ?? false, featherPx, writeMask: !(v['no-mask'] ?? false) }) };
  }
  if (kind === 'upscale') {
    const options = folder();
    const integer = (name: 'tile' | 'overlap', min: number) => {
      if (v[name] === undefined) return {};
      const value = parseNumberOption(name, v[name], 0);
      if (!Number.isInteger(value) || value < min) throw new CliUsageError(`--${name}: got "${v[name]}", expected an integer ≥ ${min}`);
      return { [name]: value };
    };
    return { ...common, inputDir: options.inputDir, ...planned({ kind, ...options, ...integer('tile', MIN_UPSCALE_TILE), ...integer('overlap', 0) }) };
  }
  if (kind === 'generate') {
    const promptsFile = required(v.prompts, 'prompts', kind);
    if (v.in !== undefined) throw new CliUsageError('batch generate: reads --prompts FILE, not --in (use batch img2img for a folder of images)');
    const count = parseNumberOption('count', v.count, 1, PARAMETER_LIMITS.batchCount);
    const hires = parseHiresOptions(v);
    return { ...common, ...planned({ kind, model: modelDir, outputDir: out, promptsFile, count, settings: { ...settings(), ...(hires ? { hires } : {}) } }) };
  }
  const prompt = required(textOrFile('prompt', v.prompt, v['prompt-file']), 'prompt', kind);
  const strength = parseNumberOption('strength', required(v.strength, 'strength', kind), 0);
  const options = folder();
  const outpaint = parseOutpaintOptions(v);
  return { ...common, inputDir: options.inputDir, ...planned({ kind, ...options, prompt, strength, settings: { ...settings(), ...(outpaint ? { outpaint } : {}) } }) };
}
