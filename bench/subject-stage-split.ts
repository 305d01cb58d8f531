// `npx tsx bench/subject-stage-split.ts [RUNS]`: how a u2net-sized subject cut-out's time splits between the
// model and everything else (PNG decode, resize + normalise, postprocess + resize back, PNG encode), the figure
// that bounds what the BatchRunner can gain over a sequential loop by overlapping the two (BENCHMARKS.md,
// "Subject cut-out"). The rest is timed on the demo pack's u2net-contract model, whose model cost is negligible,
// through the same path as the full-compute u2net-sized model.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openSubjectPort } from '../native-models/batch/processors/subject-port.ts';
import { makeDemoPack } from '../native-models/demo/make-demo-pack.ts';
import { ensureSubjectFullModel } from '../native-models/demo/full-compute/write-full-compute-pack.ts';
import { decodeRgb } from '../native-models/image/decode-image.ts';
import { encodeGrayPng, encodePng } from '../native-models/image/encode-png.ts';
import { SessionCache } from '../native-models/runtime/index.ts';
import { median, timeRuns } from './stats.ts';

const runs = Number(process.argv[2] ?? 5);
const SIZE = 320;

/** A bright disc on a dark gradient, as PNG bytes (content does not change the model's cost). */
async function photoPng(): Promise<Uint8Array> {
  const data = new Uint8Array(SIZE * SIZE * 3);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const inside = (x - SIZE / 2) ** 2 + (y - SIZE / 2) ** 2 < (SIZE / 3) ** 2;
      data.set(inside ? [230, 180, 40] : [40, (y * 120) / SIZE, 90], (y * SIZE + x) * 3);
    }
  }
  return encodePng({ width: SIZE, height: SIZE, channels: 3, data });
}

/** Median wall time of decode → prepare → cut out → encode the mask, one image at a time, after a warm-up. */
async function perImageMs(modelDir: string, png: Uint8Array): Promise<number> {
  const port = await openSubjectPort(modelDir, new SessionCache({}));
  try {
    const once = async () => {
      const image = await decodeRgb(png);
      const { alpha } = await port.cutOut(image, await port.prepareImage(image));
      await encodeGrayPng(alpha);
    };
    await once();
    return median(await timeRuns(runs, once));
  } finally {
    await port.release();
  }
}

const log = (m: string) => process.stderr.write(`${m}\n`);
const packDir = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-stage-split-'));
try {
  await makeDemoPack(packDir);
  const full = await ensureSubjectFullModel('u2net', undefined, log);
  const png = await photoPng();
  const restMs = await perImageMs(path.join(packDir, 'demo-rembg-u2net'), png);
  const totalMs = await perImageMs(full.dir, png);
  const modelMs = totalMs - restMs;
  const gflops = full.model.flopsPerRun / 1e9;
  process.stdout.write(
    JSON.stringify({
      runs,
      per_image_ms: totalMs,
      rest_ms: restMs,
      model_ms: modelMs,
      model_gflop_per_s: gflops / (modelMs / 1000),
      // Overlapping the rest with the model at best hides it: loop / runner ≤ (model + rest) / max(model, rest).
      overlap_bound: totalMs / Math.max(modelMs, restMs),
      gflop_per_s_needed_for_2_images_per_s: 2 * gflops,
    }) + '\n',
  );
} finally {
  await fs.rm(packDir, { recursive: true, force: true });
}
