// Imports a single .onnx file as a new model folder: a background-removal model or an upscaler on its own, or one
// half of a SAM pair (`…encoder….onnx` / `…decoder….onnx`, its partner found beside it). The files are copied
// into a temp folder, checked as a folder, then renamed into place, so a refused file leaves nothing behind.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { TesseraError } from '../../api/errors.ts';
import { inspectModelFolder } from '../inspect-model-folder.ts';
import { ensureFreeSpace } from './disk-space.ts';
import type { ImportContext } from './folder-import.ts';
import { writeInstallManifest } from './install-manifest.ts';
import { checkModelId, modelIdFromName, modelPath } from './models-root.ts';

/** The other half of a SAM pair named like `sam_vit_b.encoder.onnx` ↔ `sam_vit_b.decoder.onnx`, when it exists. */
async function samPartner(file: string): Promise<string | undefined> {
  const name = path.basename(file);
  const swapped = name.replace(/encoder|decoder/i, (half) => {
    const other = /^encoder$/i.test(half) ? 'decoder' : 'encoder';
    return half === half.toUpperCase() ? other.toUpperCase() : half[0] === half[0]!.toUpperCase() ? other[0]!.toUpperCase() + other.slice(1) : other;
  });
  if (swapped === name) return undefined;
  const partner = path.join(path.dirname(file), swapped);
  return (await fs.stat(partner).catch(() => undefined))?.isFile() ? partner : undefined;
}

/** The files that travel with an .onnx: its external-data file when present (`model.onnx_data`, `model.onnx.data`). */
async function withExternalData(file: string): Promise<string[]> {
  const found = [file];
  for (const candidate of [`${file}_data`, `${file}.data`]) if ((await fs.stat(candidate).catch(() => undefined))?.isFile()) found.push(candidate);
  return found;
}

/** Returns the new folder's path. */
export async function importModelFile(context: ImportContext, src: string, options: { name?: string }): Promise<string> {
  const file = path.resolve(src);
  if (!file.toLowerCase().endsWith('.onnx')) throw new TesseraError('INVALID_ARGUMENT', `${file}: got a file that is not .onnx, expected a model folder or a single .onnx model file`);
  const partner = await samPartner(file);
  const sources = [...(await withExternalData(file)), ...(partner ? await withExternalData(partner) : [])];
  const stem = path.basename(file).replace(/\.onnx$/i, '').replace(/[._-]?(encoder|decoder)$/i, '');
  const id = options.name === undefined ? modelIdFromName(stem) : checkModelId(options.name);
  const root = path.resolve(context.root);
  const target = modelPath(root, id);
  if (await fs.lstat(target).catch(() => undefined)) throw new TesseraError('OUTPUT_EXISTS', `${target}: a model named "${id}" is already installed`);

  let bytes = 0;
  for (const s of sources) bytes += (await fs.stat(s)).size;
  await fs.mkdir(root, { recursive: true });
  await ensureFreeSpace(root, bytes, context.headroomBytes, context.statfs);
  const temp = path.join(root, `.tmp-import-${id}-${randomBytes(4).toString('hex')}`);
  try {
    await fs.mkdir(temp);
    for (const s of sources) await fs.copyFile(s, path.join(temp, path.basename(s)), fs.constants.COPYFILE_EXCL);
    const report = await inspectModelFolder(temp);
    if (!report.usable) {
      const reasons = report.problems.map((p) => p.message.replaceAll(temp, path.dirname(file))).join('; ') || `got a ${report.kind} model, expected a usable one`;
      throw new TesseraError('MODEL_INVALID', `${file}: not a usable model on its own (${reasons})`, { problems: report.problems });
    }
    const files = await Promise.all(sources.map(async (s) => ({ path: path.basename(s), size: (await fs.stat(s)).size, sha256: null, sha256Source: null })));
    await writeInstallManifest(temp, { version: 1, id, source: 'import', importedFrom: file, installedAt: new Date().toISOString(), files });
    await fs.rename(temp, target);
  } catch (error) {
    await fs.rm(temp, { recursive: true, force: true });
    throw error;
  }
  return target;
}
