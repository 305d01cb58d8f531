// Parses the options of `tessera batch <kind>` into a BatchJobSpec; openBatchJob opens the model and builds the job
// here, or `--redis` submits the same spec to workers (distributed-batch.ts).
import { SessionCache } from '../../native-models/index.ts';
import { CUTOUT_PROMPT_MODES, openBatchJob, type BatchJobSpec, type CutoutPromptMode, type GenerationOverrides, type OpenedBatchJob } from '../../native-models/batch/index.ts';
import { parseNumberOption } from '../parse-number-option.ts';
import { CliUsageError } from '../usage-error.ts';
import { GENERATION_OPTIONS } from '../generation-options.ts';
import { parseOptions } from '../parse-options.ts';
import { parseProviderOption } from '../provider-option.ts';

export const BATCH_USAGE = [
  'usage: tessera batch cutout --model SAM_DIR --in DIR --out DIR [--prompt center|box-file|everything-largest] [--crop] [--feather PX] [--no-mask] [common options]',
  '       tessera batch generate --model SD_DIR --prompts FILE --out DIR [--count N] [generation options] [common options]',
  '       tessera batch img2img --model SD_DIR --in DIR --out DIR --prompt TEXT --strength S [generation options] [common options]',
  'common options: [--recursive] [--overwrite] [--concurrency N] [--allow-output-inside-input] [--json] [--provider NAME] [--threads N]',
  'generation options: [--negative TEXT] [--steps N] [--scheduler NAME] [--guidance G] [--seed S] [--width W --height H]',
].join('\n');

const OPTIONS = {
  ...GENERATION_OPTIONS,
  model: { type: 'string' },
  in: { type: 'string' },
  out: { type: 'string' },
  prompt: { type: 'string' },
  prompts: { type: 'string' },
  recursive: { type: 'boolean' },
  crop: { type: 'boolean' },
  feather: { type: 'string' },
  'no-mask': { type: 'boolean' },
  concurrency: { type: 'string' },
  'allow-output-inside-input': { type: 'boolean' },
} as const;

export interface ParsedBatch {
  kind: 'cutout' | 'generate' | 'img2img';
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
}

function required(value: string | undefined, flag: string, kind: string): string {
  if (value === undefined || value === '') throw new CliUsageError(`batch ${kind}: --${flag} is required\n${BATCH_USAGE}`);
  return value;
}

export function parseBatchArgs(args: string[]): ParsedBatch {
  const [kind, ...rest] = args;
  if (kind !== 'cutout' && kind !== 'generate' && kind !== 'img2img') {
    throw new CliUsageError(`batch: got ${kind === undefined ? 'no job kind' : `"${kind}"`}, expected cutout, generate or img2img\n${BATCH_USAGE}`);
  }
  const v = parseOptions(rest, OPTIONS, BATCH_USAGE);
  const modelDir = required(v.model, 'model', kind);
  const out = required(v.out, 'out', kind);
  const threads = parseNumberOption('threads', v.threads, 0);
  const sessions = async () => new SessionCache({ provider: await parseProviderOption(v.provider), threads });
  const common = {
    kind,
    out,
    overwrite: v.overwrite ?? false,
    allowOutputInsideInput: v['allow-output-inside-input'] ?? false,
    concurrency: parseNumberOption('concurrency', v.concurrency, 2),
    json: v.json ?? false,
  } as const;
  const folder = () => ({ model: modelDir, inputDir: required(v.in, 'in', kind), outputDir: out, recursive: v.recursive ?? false, allowOutputInsideInput: common.allowOutputInsideInput });
  const optional = (name: 'steps' | 'guidance' | 'seed' | 'width' | 'height') => (v[name] === undefined ? undefined : parseNumberOption(name, v[name], 0));
  const settings = (): GenerationOverrides => ({
    negativePrompt: v.negative,
    scheduler: v.scheduler,
    steps: optional('steps'),
    guidance: optional('guidance'),
    seed: optional('seed'),
    width: optional('width'),
    height: optional('height'),
  });
  const planned = (spec: BatchJobSpec) => ({ spec, open: async () => openBatchJob(spec, await sessions()) });

  if (kind === 'cutout') {
    const prompt = (v.prompt ?? 'center') as CutoutPromptMode;
    if (!CUTOUT_PROMPT_MODES.includes(prompt)) throw new CliUsageError(`--prompt: got "${prompt}", expected one of ${CUTOUT_PROMPT_MODES.join(', ')}`);
    const options = folder();
    const featherPx = parseNumberOption('feather', v.feather, 0);
    return { ...common, inputDir: options.inputDir, ...planned({ kind, ...options, prompt, crop: v.crop ?? false, featherPx, writeMask: !(v['no-mask'] ?? false) }) };
  }
  if (kind === 'generate') {
    const promptsFile = required(v.prompts, 'prompts', kind);
    if (v.in !== undefined) throw new CliUsageError('batch generate: reads --prompts FILE, not --in (use batch img2img for a folder of images)');
    const count = parseNumberOption('count', v.count, 1);
    return { ...common, ...planned({ kind, model: modelDir, outputDir: out, promptsFile, count, settings: settings() }) };
  }
  const prompt = required(v.prompt, 'prompt', kind);
  const strength = parseNumberOption('strength', required(v.strength, 'strength', kind), 0);
  const options = folder();
  return { ...common, inputDir: options.inputDir, ...planned({ kind, ...options, prompt, strength, settings: settings() }) };
}
