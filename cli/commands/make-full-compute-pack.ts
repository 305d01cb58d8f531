// `tessera models make-demo --full-compute DIR`: writes the bench's full-compute pack (SD 1.5-sized and SAM ViT-B-sized
// folders with seeded random weights, a few GB) where a user or script asks, so anyone can measure memory and speed.
import fs from 'node:fs/promises';
import path from 'node:path';
import { TesseraError } from '../../native-models/api/errors.ts';
import { ensureFullComputePack } from '../../native-models/demo/full-compute/write-full-compute-pack.ts';
import { formatBytes } from '../format.ts';

/** The pack writer clears its folder before writing; a folder with anything else in it is refused so nothing is lost. */
async function refuseForeignFolder(dir: string): Promise<void> {
  const entries = await fs.readdir(dir).catch(() => [] as string[]);
  if (entries.length === 0 || entries.includes('pack.json')) return;
  throw new TesseraError('OUTPUT_EXISTS', `${dir}: got a folder with ${entries.length} other entries, expected an empty folder or an earlier full-compute pack`, { path: dir });
}

export async function makeFullComputePack(dir: string): Promise<number> {
  const root = path.resolve(dir);
  await refuseForeignFolder(root);
  const started = performance.now();
  const pack = await ensureFullComputePack(root, (line) => process.stderr.write(line + '\n'));
  const weightBytes = Object.values(pack.models).reduce((sum, m) => sum + m.weightBytes, 0);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(`wrote the full-compute pack to ${root} in ${seconds} s (${formatBytes(weightBytes)} of weights): ${path.relative(root, pack.sdDir)}, ${path.relative(root, pack.samDir)}\n`);
  return 0;
}
