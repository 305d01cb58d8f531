// The Gallery's batch groups: each recorded batch run with the counts and latest outputs its output folder's
// manifest shows now. A folder moved or deleted since is listed as not found (with the counts recorded at the
// run's end), never an error; an output opens only from inside its group's folder.
import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { TesseraError } from '../api/errors.ts';
import { BATCH_GROUP_ITEMS_LISTED, BATCH_GROUP_THUMBNAIL_PX, type ApiParsedArgs, type ApiResult, type BatchGroup, type BatchGroupItem, type EncodedImage } from '../api/index.ts';
import { sniffImageFormat } from '../api/image-format.ts';
import { readImageSize } from '../image/decode-image.ts';
import { MANIFEST_FILE_NAME, readManifest } from '../batch/index.ts';
import { readBatchFolderSummary } from './batch-summary.ts';
import type { BatchRun, BatchRunLog } from './batch-run-log.ts';
import type { ImageStore } from './image-store.ts';
import { pathInside } from './path-inside.ts';

export class BatchGroupMethods {
  constructor(
    private readonly runs: BatchRunLog,
    private readonly images: ImageStore,
  ) {}

  async listBatchGroups(): Promise<ApiResult<'listBatchGroups'>> {
    return { groups: await Promise.all(this.runs.list().map((run) => groupOf(run))) };
  }

  async openBatchGroupItem({ id, output }: ApiParsedArgs<'openBatchGroupItem'>): Promise<ApiResult<'openBatchGroupItem'>> {
    const run = this.runs.get(id);
    if (!run) throw new TesseraError('INVALID_ARGUMENT', `batch group: got ${id}, expected a batch run listBatchGroups lists`);
    const file = pathInside(run.outputDir, output, `batch group ${id}: output`);
    const bytes = await fs.readFile(file).catch((error: NodeJS.ErrnoException) => {
      throw new TesseraError('IMAGE_UNREADABLE', `batch group ${id}: got no readable file at ${file} (${error.code ?? error.message}), expected the batch's output there; it was moved or deleted outside Tessera`);
    });
    const format = sniffImageFormat(bytes);
    if (!format.type) throw new TesseraError('IMAGE_UNREADABLE', `batch group ${id}: ${file} is a ${format.name} file, expected a PNG, JPEG or WebP image`);
    const size = await readImageSize(bytes, { name: file });
    const image: EncodedImage = { mimeType: format.type, base64: bytes.toString('base64') };
    return { imageId: this.images.put(image), image, ...size };
  }
}

async function groupOf(run: BatchRun): Promise<BatchGroup> {
  const recorded: BatchGroup = { ...run, folderFound: false, items: [], itemsLeftOut: 0 };
  try {
    const summary = await readBatchFolderSummary(run.outputDir, run.kind);
    if (!summary.exists) return recorded;
    const { latest } = await readManifest(path.join(run.outputDir, MANIFEST_FILE_NAME), run.kind);
    const done = [...latest.values()].filter((e) => e.status === 'done' && e.outputs.length > 0).sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
    const listed = done.slice(0, BATCH_GROUP_ITEMS_LISTED);
    const items = await Promise.all(listed.map((e) => itemOf(run.outputDir, e.input, e.outputs[0]!)));
    return { ...recorded, counts: summary.counts, folderFound: true, items, itemsLeftOut: done.length - listed.length };
  } catch {
    // An unreadable manifest (permissions, a folder turned file): shown as not found, with the recorded counts.
    return recorded;
  }
}

/** The output shrunk for the group's row; no thumbnail when its file cannot be read (the tile still opens). */
async function itemOf(outputDir: string, input: string, output: string): Promise<BatchGroupItem> {
  try {
    const file = pathInside(outputDir, output, 'batch group thumbnail');
    const png = await sharp(file).resize(BATCH_GROUP_THUMBNAIL_PX, BATCH_GROUP_THUMBNAIL_PX, { fit: 'inside' }).png().toBuffer();
    return { input, output, thumbnail: { mimeType: 'image/png', base64: png.toString('base64') } };
  } catch {
    return { input, output };
  }
}
