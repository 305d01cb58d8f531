// Reviewing a subject batch in the Studio: list the entries below the batch's confidence threshold (review.jsonl's
// rule), open one as its input image + mask, and save a corrected mask back as that entry's outputs, made with the
// cut-out settings the folder's manifest header records. Saving holds the output-folder lock, so a running batch
// is never raced, and appends a superseding `done` line marked `reviewed` (the latest line per input wins).
import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { isTesseraError, TesseraError } from '../api/errors.ts';
import { BATCH_REVIEW_LISTED, BATCH_REVIEW_THUMBNAIL_PX } from '../api/batch-review-schemas.ts';
import type { EncodedImage } from '../api/image-schemas.ts';
import type { ApiParsedArgs, ApiResult } from '../api/api-methods.ts';
import { sniffImageFormat } from '../api/image-format.ts';
import { maskArea, maskBoundingBox, maskFromGray } from '../core/mask/binary-mask.ts';
import { composeCutout } from '../image/cutout.ts';
import { decodeRgb } from '../image/decode-image.ts';
import { decodeMask } from '../image/decode-mask.ts';
import { encodeMaskPng, encodePng } from '../image/encode-png.ts';
import { commitOutputs, finishInterruptedCommit, hasInterruptedCommit, type OutputCommitOptions } from '../batch/output-commit.ts';
import { acquireFolderLock, MANIFEST_FILE_NAME, readManifest, reviewEntries, sha256Hex, writeReviewList, type ManifestEntry } from '../batch/index.ts';
import type { ImageStore } from './image-store.ts';
import { pathInside as inside } from './path-inside.ts';

/** Review belongs to cut-out batches (prompt mode subject); other kinds' lines in the folder are not looked at. */
const JOB = 'cutout';

function encoded(bytes: Uint8Array, name: string) {
  const type = sniffImageFormat(bytes).type;
  if (!type) throw new TesseraError('IMAGE_UNREADABLE', `${name}: got a ${sniffImageFormat(bytes).name} file, expected a PNG, JPEG or WebP image`);
  return { mimeType: type, base64: Buffer.from(bytes).toString('base64') };
}

export interface BatchReviewOptions {
  /** Tests only: a throw at a seam of the save's commit stands for a crash there. */
  commitSeam?: OutputCommitOptions['seam'];
}

export class BatchReviewMethods {
  constructor(
    private readonly images: ImageStore,
    private readonly options: BatchReviewOptions = {},
  ) {}

  async listBatchReview({ outputDir }: ApiParsedArgs<'listBatchReview'>): Promise<ApiResult<'listBatchReview'>> {
    await this.finishInterruptedSave(outputDir);
    const lines = (await reviewEntries(outputDir)) ?? null;
    const listed = (lines ?? []).slice(0, BATCH_REVIEW_LISTED);
    const items = await Promise.all(listed.map(async (line) => ({ ...line, ...(await thumbnailOf(outputDir, line.outputs[0])) })));
    return { outputDir, hasReviewQueue: lines !== null, items, itemsLeftOut: (lines?.length ?? 0) - listed.length };
  }

  async openBatchReviewItem({ inputDir, outputDir, input }: ApiParsedArgs<'openBatchReviewItem'>): Promise<ApiResult<'openBatchReviewItem'>> {
    await this.finishInterruptedSave(outputDir);
    const { entry } = await this.entryOf(outputDir, input);
    const { bytes, image } = await this.readInput(inputDir, entry);
    const maskRel = entry.outputs[1];
    // A batch run with --no-mask keeps only the (maybe cropped) cut-out: no full-size selection to start from.
    if (maskRel === undefined) throw new TesseraError('UNSUPPORTED', `review ${input}: got an entry without a mask PNG (a --no-mask batch), expected its mask output to refine`);
    const file = inside(outputDir, maskRel, `review ${input}: mask output`);
    const gray = await decodeMask(new Uint8Array(await readOrFail(file)), image, { name: file });
    const binary = maskFromGray(gray.width, gray.height, gray.data);
    const mask = await encodeMaskPng(binary);
    const source = encoded(bytes, input);
    return { imageId: this.images.put(source), image: source, width: image.width, height: image.height, mask: encoded(mask, 'mask'), area: maskArea(binary), confidence: Number(entry.result?.confidence ?? 0) };
  }

  async saveBatchReview({ inputDir, outputDir, input, mask }: ApiParsedArgs<'saveBatchReview'>): Promise<ApiResult<'saveBatchReview'>> {
    // Before the lock: a call naming what the manifest does not list is refused without touching the folder.
    await this.entryOf(outputDir, input);
    const lock = await acquireFolderLock(outputDir, { job: JOB });
    try {
      await finishInterruptedCommit(outputDir); // a save a crash interrupted comes first: it may be this entry's
      const { entry, parameters } = await this.entryOf(outputDir, input); // again, under the lock: the truth now
      const { image } = await this.readInput(inputDir, entry);
      const gray = await decodeMask(new Uint8Array(Buffer.from(this.images.resolve(mask).image.base64, 'base64')), image, { name: 'review mask' });
      const binary = maskFromGray(gray.width, gray.height, gray.data);
      if (maskArea(binary) === 0) throw new TesseraError('INVALID_ARGUMENT', `review ${input}: got an empty mask, expected the subject selected`);
      const crop = parameters.crop === true;
      const featherPx = typeof parameters.featherPx === 'number' ? parameters.featherPx : 0;
      const cutout = composeCutout(image, binary, { crop, featherPx });
      const [cutoutRel, maskRel] = entry.outputs;
      const files: [string, Uint8Array][] = [[cutoutRel!, await encodePng(cutout.image)]];
      if (maskRel !== undefined) files.push([maskRel, await encodeMaskPng(binary)]);
      const bounds = maskBoundingBox(binary)!;
      const superseding: ManifestEntry = {
        ...entry,
        result: {
          ...entry.result,
          area: maskArea(binary),
          box: [bounds.x, bounds.y, bounds.width, bounds.height],
          ...(crop ? { cropBox: [cutout.box.x, cutout.box.y, cutout.box.width, cutout.box.height] } : {}),
          reviewed: true,
        },
        at: new Date().toISOString(),
      };
      delete superseding.ms;
      // The files and their manifest line as one crash-safe step (output-commit.ts).
      await commitOutputs(outputDir, { files, line: superseding }, { seam: this.options.commitSeam });
      const remaining = (await writeReviewList(outputDir))?.length ?? 0;
      return { outputs: entry.outputs, remaining };
    } finally {
      await lock.release();
    }
  }

  /**
   * A save a crash interrupted is finished before the folder is read, so the listing and the opened mask agree
   * with the files. A folder a batch holds is left to it (every lock holder finishes such a save first).
   */
  private async finishInterruptedSave(outputDir: string): Promise<void> {
    if (!(await hasInterruptedCommit(outputDir))) return;
    const lock = await acquireFolderLock(outputDir, { job: JOB }).catch((error: unknown) => {
      if (isTesseraError(error) && error.code === 'FOLDER_LOCKED') return null;
      throw error;
    });
    if (!lock) return;
    try {
      if (await finishInterruptedCommit(outputDir)) await writeReviewList(outputDir);
    } finally {
      await lock.release();
    }
  }

  /** The input's latest cut-out line, done; and the settings its outputs were made with (header, else the line's). */
  private async entryOf(outputDir: string, input: string): Promise<{ entry: ManifestEntry; parameters: Record<string, unknown> }> {
    const manifestPath = path.join(outputDir, MANIFEST_FILE_NAME);
    const state = await readManifest(manifestPath, JOB);
    const entry = state.latest.get(input);
    if (!entry) throw new TesseraError('INVALID_ARGUMENT', `review: got ${input}, expected an input listed in ${manifestPath}`);
    if (entry.status !== 'done' || entry.outputs.length === 0) {
      throw new TesseraError('INVALID_ARGUMENT', `review ${input}: got an entry ${entry.status} in ${manifestPath}, expected a done cut-out`);
    }
    for (const rel of entry.outputs) inside(outputDir, rel, `review ${input}: output`);
    return { entry, parameters: state.headers.get(JOB)?.parameters ?? entry.parameters ?? {} };
  }

  /** The entry's input file, refused when it is no longer the image the batch cut out (its hash changed). */
  private async readInput(inputDir: string, entry: ManifestEntry) {
    const file = inside(inputDir, entry.input, `review ${entry.input}: input`);
    const bytes = new Uint8Array(await readOrFail(file));
    if (entry.hash !== undefined && sha256Hex(bytes) !== entry.hash) {
      throw new TesseraError('INVALID_ARGUMENT', `review ${entry.input}: got an input file that changed since the batch cut it out, expected the same bytes (run the batch again)`);
    }
    return { bytes, image: await decodeRgb(bytes, { name: file }) };
  }
}

/** The cut-out shrunk for the review grid; nothing when it cannot be read (the tile still opens the entry). */
async function thumbnailOf(outputDir: string, cutoutRel: string | undefined): Promise<{ thumbnail?: EncodedImage }> {
  if (cutoutRel === undefined) return {};
  try {
    const file = inside(outputDir, cutoutRel, 'review thumbnail');
    const png = await sharp(file).resize(BATCH_REVIEW_THUMBNAIL_PX, BATCH_REVIEW_THUMBNAIL_PX, { fit: 'inside' }).png().toBuffer();
    return { thumbnail: { mimeType: 'image/png', base64: png.toString('base64') } };
  } catch {
    return {};
  }
}

async function readOrFail(file: string): Promise<Buffer> {
  try {
    return await fs.readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new TesseraError('IO_ERROR', `cannot read ${file} (${code ?? String(error)}), expected a readable file`, { file, errno: code });
  }
}
