// The cut-out batch job: each image → an RGBA cut-out PNG and a mask PNG, the object chosen by a prompt
// mode: `center` (one positive click at the image centre), `box-file` (a box from the image's sidecar
// JSON, see box-sidecar.ts) or `everything-largest` (the largest mask segment-everything finds; on a
// photo whose background is one region, that region may be the largest) with a Segment Anything model, or
// `everything` (no cut-out: every mask segment-everything finds, into the image's regions file, see
// regions-file.ts, for the folder's COCO / YOLO files), or
// `subject` (no prompt at all: a background-removal model's subject, soft alpha as rembg keeps it, with its
// confidence; below `reviewBelow` the entry is marked for review). The cut-out may be cropped to the
// object and feathered, as `tessera segment --cutout` does; the mask PNG may be left out.

import { TesseraError } from '../../api/errors.ts';
import { maskArea, maskBoundingBox } from '../../core/mask/binary-mask.ts';
import { composeCutout } from '../../image/cutout.ts';
import { decodeRgb } from '../../image/decode-image.ts';
import { encodeMaskPng, encodePng } from '../../image/encode-png.ts';
import type { GrayImage, RgbImage } from '../../image/rgb-image.ts';
import { encodeGrayPng } from '../../image/encode-png.ts';
import type { SubjectPort } from './subject-port.ts';
import type { BatchJob } from '../batch-job.ts';
import { discoverImageFolder, imageFileItem, loadImageFile, type ImageFileItem, type ImageFolderOptions } from '../image-folder-inputs.ts';
import { cutoutOutputs, regionsOutput } from '../output-naming.ts';
import { checkCutoutOptions, type CutoutOptionValues, type CutoutPromptMode } from './cutout-options-check.ts';
import { encodeRegionsFile } from './regions-file.ts';
import { readBoxSidecar } from './box-sidecar.ts';
import type { BoxXYXY, ClickPrompt, ScoredMask, SegmenterPort } from './segmenter-port.ts';

export { CUTOUT_PROMPT_MODES, type CutoutPromptMode } from './cutout-options-check.ts';

/** The options' rules are cutout-options-check.ts' (the app's startBatch preflight checks them too). */
export interface CutoutJobOptions extends ImageFolderOptions, CutoutOptionValues {
  /** Serves the click modes (center, box-file, everything-largest, everything). */
  segmenter?: SegmenterPort;
  /** Serves `subject`. */
  subject?: SubjectPort;
  /** Largest width × height decoded (default maxPixels(), 64 Mpx unless raised); larger images fail as IMAGE_TOO_LARGE. */
  limitInputPixels?: number;
}

interface PreparedCutout {
  image: RgbImage;
  box?: BoxXYXY;
  /** The segmenter's prepareImage result, made on the decode workers (off the one-at-a-time inference stage). */
  encoderInput?: unknown;
}

/** Prompt mode `everything`: every mask found, best first. */
interface RegionsResult {
  image: RgbImage;
  regions: ScoredMask[];
}

interface ObjectResult extends ScoredMask {
  image: RgbImage;
  /** `subject` mode: the soft alpha and its confidence. */
  alpha?: GrayImage;
  confidence?: number;
  prompt: { point?: ClickPrompt; box?: BoxXYXY; mode: CutoutPromptMode };
}

type CutoutResult = ObjectResult | RegionsResult;

export type CutoutJob = BatchJob<ImageFileItem, Uint8Array, PreparedCutout, CutoutResult>;

export async function createCutoutJob(options: CutoutJobOptions): Promise<CutoutJob> {
  const { mode, reviewBelow, crop, featherPx, writeMask, everything } = checkCutoutOptions(options, options.subject !== undefined);
  const subject = options.subject;
  const segmenter = options.segmenter;
  if (mode === 'subject' ? !subject : !segmenter) {
    throw new TesseraError('MODEL_INVALID', `prompt mode ${mode}: got ${subject ? 'a background-removal' : 'a Segment Anything'} model, expected ${mode === 'subject' ? 'a background-removal model' : 'a Segment Anything model (background-removal models take prompt mode subject)'}`);
  }
  const outputsOf = (rel: string) => (mode === 'everything' ? [regionsOutput(rel)] : writeMask ? cutoutOutputs(rel) : cutoutOutputs(rel).slice(0, 1));
  const { images, skipped } = await discoverImageFolder(options);
  return {
    kind: 'cutout',
    // Settings at their defaults are left out, so the lines read as before these options existed.
    parameters: {
      prompt: mode,
      ...(crop ? { crop } : {}),
      ...(featherPx > 0 ? { featherPx } : {}),
      ...(writeMask ? {} : { writeMask }),
      ...(reviewBelow !== undefined ? { reviewBelow } : {}),
      ...(Object.keys(everything).length > 0 ? { everything } : {}),
    },
    items: images.map((rel) => imageFileItem(options.inputDir, rel, outputsOf(rel))),
    skipped,
    load: loadImageFile,
    async prepare(item, bytes) {
      const image = await decodeRgb(bytes, { name: item.input, limitInputPixels: options.limitInputPixels });
      const box = mode === 'box-file' ? await readBoxSidecar(item.path, item.input, image) : undefined;
      return { image, box, encoderInput: mode === 'subject' ? await subject!.prepareImage(image) : await segmenter!.prepareImage?.(image) };
    },
    async infer(item, { image, box, encoderInput }) {
      if (mode === 'subject') {
        const { mask, alpha, confidence } = await subject!.cutOut(image, encoderInput);
        if (maskArea(mask) === 0) throw new TesseraError('INFERENCE_FAILED', `${item.input}: got an empty subject mask (confidence ${confidence.toFixed(3)}), expected a subject`);
        return { mask, alpha, confidence, score: confidence, image, prompt: { mode } };
      }
      const segmenter = options.segmenter!;
      await segmenter.setImage(image, encoderInput);
      if (mode === 'everything') return { image, regions: await segmenter.segmentEverything(everything) };
      let found: ScoredMask;
      let point: ClickPrompt | undefined;
      if (mode === 'center') {
        point = { x: image.width / 2, y: image.height / 2, label: 1 };
        found = await segmenter.predict({ points: [point] });
      } else if (mode === 'box-file') {
        found = await segmenter.predict({ box });
      } else {
        found = largest(await segmenter.segmentEverything(everything), item.input);
      }
      if (found.mask.width !== image.width || found.mask.height !== image.height) {
        throw new TesseraError('INTERNAL', `${item.input}: got a ${found.mask.width}x${found.mask.height} mask, expected ${image.width}x${image.height} (the image size)`);
      }
      if (maskArea(found.mask) === 0) {
        throw new TesseraError('INFERENCE_FAILED', `${item.input}: got an empty mask for prompt mode ${mode}, expected an object (try another prompt mode)`);
      }
      return { ...found, image, prompt: { mode, point, box } };
    },
    async render(item, result) {
      if ('regions' in result) return renderRegions(item, result);
      const { image, mask, score, prompt, alpha, confidence } = result;
      const [cutoutPath, maskPath] = item.outputs;
      const cutout = composeCutout(image, mask, { crop, featherPx, alpha: alpha?.data });
      const bounds = maskBoundingBox(mask);
      const files = new Map([[cutoutPath, await encodePng(cutout.image)]]);
      if (maskPath !== undefined) files.set(maskPath, alpha ? await encodeGrayPng(alpha) : await encodeMaskPng(mask));
      return {
        files,
        result: {
          width: image.width,
          height: image.height,
          score,
          area: maskArea(mask),
          bbox: bounds ? [bounds.x, bounds.y, bounds.width, bounds.height] : null,
          ...(prompt.point ? { point: [prompt.point.x, prompt.point.y] } : {}),
          ...(prompt.box ? { box: [...prompt.box] } : {}),
          ...(crop ? { cropBox: [cutout.box.x, cutout.box.y, cutout.box.width, cutout.box.height] } : {}),
          ...(confidence !== undefined ? { confidence } : {}),
          ...(confidence !== undefined && reviewBelow !== undefined ? { review: confidence < reviewBelow } : {}),
        },
      };
    },
  };
}

/** Prompt mode everything: the regions file, and in the manifest how many regions it holds. */
function renderRegions(item: ImageFileItem, { image, regions }: RegionsResult) {
  for (const region of regions) {
    if (region.mask.width !== image.width || region.mask.height !== image.height) {
      throw new TesseraError('INTERNAL', `${item.input}: got a ${region.mask.width}x${region.mask.height} mask, expected ${image.width}x${image.height} (the image size)`);
    }
  }
  const files = new Map([[item.outputs[0]!, encodeRegionsFile(image.width, image.height, regions)]]);
  return { files, result: { width: image.width, height: image.height, regions: regions.length } };
}

/** The mask with the most pixels; ties go to the higher score, then to the earlier mask. */
function largest(masks: ScoredMask[], name: string): ScoredMask {
  let best: ScoredMask | undefined;
  let bestArea = -1;
  for (const candidate of masks) {
    const area = maskArea(candidate.mask);
    if (area > bestArea || (area === bestArea && best !== undefined && candidate.score > best.score)) {
      best = candidate;
      bestArea = area;
    }
  }
  if (!best) throw new TesseraError('INFERENCE_FAILED', `${name}: got no masks from segment-everything, expected at least one`);
  return best;
}
