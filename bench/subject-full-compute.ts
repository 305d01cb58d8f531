// Subject cut-out on the full-compute background-removal models (BENCHMARKS.md, "Subject cut-out"): throughput of
// the BatchRunner vs a sequential loop on the u2net-sized model (same images, same model, side by side), and the
// per-image latency of the BiRefNet-lite-sized model at 1024².
import { runCutoutThroughput, type CutoutThroughput } from '../native-models/batch/bench-scenario.ts';
import { ensureSubjectFullModel, type FullComputeModelInfo } from '../native-models/demo/full-compute/write-full-compute-pack.ts';
import { openSubjectPort } from '../native-models/batch/processors/subject-port.ts';
import type { RgbImage } from '../native-models/image/rgb-image.ts';
import { SessionCache } from '../native-models/runtime/index.ts';
import { median, timeRuns } from './stats.ts';

export interface SubjectFullComputeTimes {
  u2net: FullComputeModelInfo;
  birefnetLite: FullComputeModelInfo;
  throughput: CutoutThroughput;
  /** Wall time of prepare + model + mask per image, first (warm-up) run excluded. */
  birefnetLatencyMs: number[];
  birefnetP50Ms: number;
  /** Side of the square images of the latency runs. */
  latencySize: number;
}

/** A photo-sized test image: a bright disc on a dark gradient (content does not change the model's cost). */
function drawImage(size: number): RgbImage {
  const data = new Uint8Array(size * size * 3);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const inside = (x - size / 2) ** 2 + (y - size / 2) ** 2 < (size / 3) ** 2;
      data.set(inside ? [230, 180, 40] : [40, (y * 120) / size, 90], (y * size + x) * 3);
    }
  }
  return { width: size, height: size, channels: 3, data };
}

export async function measureSubjectFullCompute(reps: { throughputImages: number; latencyRuns: number }, log: (m: string) => void): Promise<SubjectFullComputeTimes> {
  const u2net = await ensureSubjectFullModel('u2net', undefined, log);
  const birefnet = await ensureSubjectFullModel('birefnetLite', undefined, log);
  log(`subject cut-out, u2net-sized model (${(u2net.model.flopsPerRun / 1e9).toFixed(0)} GFLOPs/image): ${reps.throughputImages} images of 320×320, BatchRunner vs sequential loop…`);
  // The model dominates here, so the runner's model stage keeps one ORT thread per core, as the loop does.
  const throughput = await runCutoutThroughput({ subjectDir: u2net.dir, images: reps.throughputImages, size: 320, batchModelThreads: 'default' });
  const latencySize = 1024;
  log(`subject cut-out latency, BiRefNet-lite-sized model (${(birefnet.model.flopsPerRun / 1e9).toFixed(0)} GFLOPs/image): ${reps.latencyRuns} runs on ${latencySize}² after one warm-up…`);
  const port = await openSubjectPort(birefnet.dir, new SessionCache({}));
  try {
    const image = drawImage(latencySize);
    const cut = async () => port.cutOut(image, await port.prepareImage(image));
    await cut();
    const birefnetLatencyMs = await timeRuns(reps.latencyRuns, cut);
    return { u2net: u2net.model, birefnetLite: birefnet.model, throughput, birefnetLatencyMs, birefnetP50Ms: median(birefnetLatencyMs), latencySize };
  } finally {
    await port.release();
  }
}
