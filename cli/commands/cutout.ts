// `tessera cutout IN OUT`: the subject of one image cut out with no clicks, like `rembg i` (same --mask-only and
// --bgcolor), with optional SAM refinement, alpha matting and a confidence score for --json.
import {
  SamSegmenter,
  SubjectSegmenter,
  cutOutSubject,
  decodeRgb,
  findSubjectModel,
  maskBoundingBox,
  writeFileAtomic,
  type RgbaColor,
  resolveModelArg,
} from '../../native-models/index.ts';
import { CliUsageError } from '../usage-error.ts';
import { parseNumberOption } from '../parse-number-option.ts';
import { parseOptionsAndPositionals } from '../parse-options.ts';

const USAGE =
  'usage: tessera cutout IN OUT [--model NAME|DIR] [--mask-only] [--bgcolor R,G,B[,A]] [--crop] [--feather PX] [--refine SAM_MODEL] [--alpha-matting] [--overwrite] [--json]';

const OPTIONS = {
  model: { type: 'string' },
  'mask-only': { type: 'boolean' },
  bgcolor: { type: 'string' },
  crop: { type: 'boolean' },
  feather: { type: 'string' },
  refine: { type: 'string' },
  'alpha-matting': { type: 'boolean' },
  overwrite: { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

/** "R,G,B" or "R,G,B,A", integers 0–255; A defaults to 255 (opaque). */
export function parseBgcolor(raw: string): RgbaColor {
  const values = raw.split(',').map((v) => Number(v.trim()));
  if ((values.length !== 3 && values.length !== 4) || values.some((v) => !Number.isInteger(v) || v < 0 || v > 255)) {
    throw new CliUsageError(`--bgcolor: got "${raw}", expected R,G,B or R,G,B,A with integers 0–255`);
  }
  const [r, g, b, a = 255] = values as [number, number, number, number?];
  return [r, g, b, a];
}

export async function run(args: string[]): Promise<number> {
  const { values: v, positionals } = parseOptionsAndPositionals(args, OPTIONS, USAGE);
  if (positionals.length !== 2) throw new CliUsageError(`cutout needs an input image and an output path\n${USAGE}`);
  const [input, output] = positionals as [string, string];
  const bgcolor = v.bgcolor !== undefined ? parseBgcolor(v.bgcolor) : undefined;
  const featherPx = parseNumberOption('feather', v.feather, 0);
  const model = await findSubjectModel(v.model);
  const image = await decodeRgb(input);
  const segmenter = await SubjectSegmenter.open(model.path);
  const refine = v.refine ? await SamSegmenter.open((await resolveModelArg(v.refine)).path) : undefined;
  try {
    const result = await cutOutSubject(segmenter, image, { maskOnly: v['mask-only'], bgcolor, crop: v.crop, featherPx, alphaMatting: v['alpha-matting'], refine });
    await writeFileAtomic(output, result.png, { overwrite: v.overwrite ?? false });
    const { subject } = result;
    const bounds = maskBoundingBox(subject.mask);
    if (v.json) {
      const line = {
        type: 'cutout',
        input,
        output,
        model: model.label,
        family: segmenter.details.family,
        width: image.width,
        height: image.height,
        confidence: subject.confidence,
        clearShare: subject.clearShare,
        mainShare: subject.mainShare,
        bbox: bounds ? [bounds.x, bounds.y, bounds.width, bounds.height] : null,
        ...(result.refined ? { refined: result.refined } : {}),
      };
      process.stdout.write(JSON.stringify(line) + '\n');
    } else {
      const refined = result.refined ? `, SAM refinement ${result.refined.kept ? 'kept' : 'not kept'} (IoU ${result.refined.agreement.toFixed(3)})` : '';
      process.stdout.write(`${output}: subject cut out with ${model.label} (${segmenter.details.family}), confidence ${subject.confidence.toFixed(3)}${refined}\n`);
    }
    return 0;
  } finally {
    await segmenter.release();
    await refine?.release();
  }
}
