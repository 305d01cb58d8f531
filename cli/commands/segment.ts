// `tessera segment`: masks and cut-outs from clicks and boxes, or every object with --everything.
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  SamSegmenter,
  decodeRgb,
  maskJson,
  segmentEverything,
  writeFileAtomic,
  writeSegmentationOutputs,
  writeAnnotationFiles,
  encodeMaskPng,
  type AnnotatedObject,
  type SegmentPoint,
  type SegmentBox,
  resolveModelArg,
} from '../../native-models/index.ts';
import { CliUsageError } from '../usage-error.ts';
import { parseNumberOption } from '../parse-number-option.ts';
import { parseOptions } from '../parse-options.ts';
import { MAX_PIXELS_OPTION, applyMaxPixels } from '../max-pixels-option.ts';
import { readPointsFile } from '../points-file.ts';
import { EVERYTHING_OPTIONS, EVERYTHING_USAGE, parseEverythingOptions } from '../everything-options.ts';

const USAGE =
  'usage: tessera segment --model NAME|DIR --image IMG [--point X,Y[,LABEL]]... [--points-file FILE] [--box X0,Y0,X1,Y1] [--multimask] [--out MASK.png] ' +
  '[--cutout OUT.png [--crop] [--feather PX]] [--coco FILE [--coco-rle]] [--yolo DIR] [--label NAME] [--max-pixels N] [--json] | tessera segment --model NAME|DIR --image IMG --everything --out-dir DIR ' + EVERYTHING_USAGE;

const OPTIONS = {
  model: { type: 'string' },
  image: { type: 'string' },
  point: { type: 'string', multiple: true },
  'points-file': { type: 'string' },
  box: { type: 'string' },
  multimask: { type: 'boolean' },
  out: { type: 'string' },
  cutout: { type: 'string' },
  crop: { type: 'boolean' },
  feather: { type: 'string' },
  json: { type: 'boolean' },
  everything: { type: 'boolean' },
  'out-dir': { type: 'string' },
  ...EVERYTHING_OPTIONS,
  'cache-dir': { type: 'string' },
  overwrite: { type: 'boolean' },
  coco: { type: 'string' },
  'coco-rle': { type: 'boolean' },
  yolo: { type: 'string' },
  label: { type: 'string' },
  ...MAX_PIXELS_OPTION,
} as const;

function numbers(flag: string, raw: string, count: number[]): number[] {
  const values = raw.split(',').map((v) => Number(v.trim()));
  if (!count.includes(values.length) || values.some((v) => !Number.isFinite(v))) {
    throw new CliUsageError(`--${flag}: got "${raw}", expected ${count.join(' or ')} comma-separated numbers`);
  }
  return values;
}

function parsePoint(raw: string): SegmentPoint {
  const [x, y, label = 1] = numbers('point', raw, [2, 3]);
  if (label !== 0 && label !== 1) throw new CliUsageError(`--point: label ${label} in "${raw}", expected 1 (object) or 0 (not this)`);
  return { x: x!, y: y!, label };
}

function parseBox(raw: string): SegmentBox {
  const [x0, y0, x1, y1] = numbers('box', raw, [4]);
  return { x0: x0!, y0: y0!, x1: x1!, y1: y1! };
}

export async function run(args: string[]): Promise<number> {
  const v = parseOptions(args, OPTIONS, USAGE);
  applyMaxPixels(v['max-pixels']);
  if (!v.model || !v.image) throw new CliUsageError(`--model and --image are required\n${USAGE}`);
  const points = [...(v.point ?? []).map(parsePoint), ...(v['points-file'] ? readPointsFile(v['points-file'], parsePoint) : [])];
  const box = v.box ? parseBox(v.box) : undefined;
  if (!v.everything && points.length === 0 && !box) throw new CliUsageError(`give at least one --point (or --points-file) or a --box (or --everything)\n${USAGE}`);
  if (v.everything && !v['out-dir']) throw new CliUsageError('--everything needs --out-dir DIR');
  const everythingOptions = parseEverythingOptions(v);

  const image = await decodeRgb(v.image);
  // COCO / YOLO-seg files for the masks found (every object with --everything), named by --label
  const annotate = (objects: AnnotatedObject[]) =>
    writeAnnotationFiles([{ fileName: path.basename(v.image!), width: image.width, height: image.height, objects }], {
      cocoPath: v.coco,
      yoloDir: v.yolo,
      cocoSegmentation: v['coco-rle'] ? 'rle' : 'polygons',
      overwrite: v.overwrite ?? false,
    });
  const label = v.label ?? 'object';
  const segmenter = await SamSegmenter.open((await resolveModelArg(v.model)).path, { dir: v['cache-dir'] });
  try {
    await segmenter.setImage(image);
    if (v.everything) {
      const outDir = v['out-dir']!;
      await fs.mkdir(outDir, { recursive: true });
      const found = await segmentEverything(segmenter, everythingOptions);
      const entries = [];
      for (const [k, m] of found.entries()) {
        const file = `mask-${String(k).padStart(3, '0')}.png`;
        await writeFileAtomic(path.join(outDir, file), await encodeMaskPng(m.mask), { overwrite: v.overwrite ?? false });
        entries.push({ file, stability: m.stability, point: m.point, ...maskJson(m.mask, m.score) });
      }
      await annotate(found.map((m) => ({ name: label, mask: m.mask, score: m.score })));
      await writeFileAtomic(path.join(outDir, 'masks.json'), Buffer.from(JSON.stringify({ image: v.image, masks: entries }, null, 2) + '\n'), { overwrite: v.overwrite ?? false });
      process.stdout.write(v.json ? JSON.stringify({ type: 'everything', count: found.length, outDir }) + '\n' : `found ${found.length} masks; wrote them to ${outDir}\n`);
      return 0;
    }
    const result = await segmenter.predict({ points, box, multimask: v.multimask ?? false });
    await writeSegmentationOutputs(image, result.best.mask, {
      maskPath: v.out,
      cutoutPath: v.cutout,
      crop: v.crop ?? false,
      featherPx: parseNumberOption('feather', v.feather, 0),
      overwrite: v.overwrite ?? false,
    });
    await annotate([{ name: label, mask: result.best.mask, score: result.best.score }]);
    if (v.json) {
      process.stdout.write(JSON.stringify({ type: 'segment', masks: result.masks.map((m) => ({ token: m.token, ...maskJson(m.mask, m.score) })) }) + '\n');
    } else {
      const best = maskJson(result.best.mask, result.best.score);
      process.stdout.write(`mask: ${best.area} px, score ${result.best.score.toFixed(3)}, bbox ${JSON.stringify(best.bbox)}${v.out ? `, wrote ${v.out}` : ''}${v.cutout ? `, cut-out ${v.cutout}` : ''}\n`);
    }
    return 0;
  } finally {
    await segmenter.release();
  }
}
