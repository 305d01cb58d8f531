// Benchmark scenario for `npm run bench`: cut-outs of N drawn images through the BatchRunner against a plain
// sequential loop over the same engine calls (read → decode → setImage → predict → compose → encode → write; with a
// background-removal model, read → decode → prepare → model → compose → encode → write).
// Each side runs in child processes of its own (this file, run with tsx) so that each peak RSS is its own;
// each side does half the images twice, in the order batch, loop, loop, batch, so that a load change on a
// shared machine during the run weighs on both sides alike.

import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { TesseraError } from '../api/errors.ts';
import { composeCutout } from '../image/cutout.ts';
import { decodeRgb } from '../image/decode-image.ts';
import type { RgbImage } from '../image/rgb-image.ts';
import { encodeGrayPng, encodeMaskPng, encodePng } from '../image/encode-png.ts';
import { writeFileAtomic } from '../image/write-file-atomic.ts';
import { SessionCache } from '../runtime/index.ts';
import { BatchRunner } from './batch-runner.ts';
import { peakRssMb } from './peak-rss.ts';
import { discoverInputs } from './input-discovery.ts';
import { cutoutOutputs } from './output-naming.ts';
import { createCutoutJob, type CutoutJobOptions } from './processors/cutout-job.ts';
import { openSamSegmenterPort } from './processors/sam-segmenter-port.ts';
import { openSubjectPort } from './processors/subject-port.ts';

export interface CutoutThroughputOptions {
  /** A SAM model folder (the demo pack's demo-sam for the standard bench), clicked at the centre… */
  samDir?: string;
  /** …or a background-removal model (prompt mode subject). Exactly one of the two. */
  subjectDir?: string;
  /** Number of images drawn (the figure: 1,000). */
  images: number;
  /** Side of the square images, pixels (default 64). */
  size?: number;
  /** Decode/write workers of the BatchRunner (default 2). */
  concurrency?: number;
  /**
   * ONNX Runtime threads of the BatchRunner's model stage: 1 (default; right for the small demo models, see
   * childMain) or 'default' (one per core; right for a full-size model, where the model dominates).
   */
  batchModelThreads?: 1 | 'default';
}

export interface CutoutThroughput {
  batchImagesPerS: number;
  sequentialImagesPerS: number;
  /** Peak resident set size of each child process (Linux VmHWM, see peak-rss.ts), MiB. */
  batchPeakRssMb: number;
  sequentialPeakRssMb: number;
  images: number;
  size: number;
}

interface SideResult {
  imagesPerS: number;
  peakRssMb: number;
  done: number;
  seconds: number;
}

/** Two halves of one side: images over the summed time, the larger peak. */
function combine(a: SideResult, b: SideResult): SideResult {
  const seconds = a.seconds + b.seconds;
  return { done: a.done + b.done, seconds, imagesPerS: (a.done + b.done) / seconds, peakRssMb: Math.max(a.peakRssMb, b.peakRssMb) };
}

/** Draws the images, runs both sides one after the other in child processes, and removes everything. */
export async function runCutoutThroughput(options: CutoutThroughputOptions): Promise<CutoutThroughput> {
  const size = options.size ?? 64;
  const model = options.subjectDir !== undefined ? { kind: 'subject', dir: options.subjectDir } : options.samDir !== undefined ? { kind: 'sam', dir: options.samDir } : undefined;
  if (!model || (options.samDir !== undefined && options.subjectDir !== undefined)) throw new TesseraError('INVALID_ARGUMENT', 'bench: got both or neither of samDir and subjectDir, expected exactly one');
  const root = await mkdtemp(join(tmpdir(), 'tessera-bench-cutout-'));
  try {
    const halves = [Math.ceil(options.images / 2), Math.floor(options.images / 2)];
    await drawImages(join(root, 'in-0'), halves[0]!, size, 0);
    await drawImages(join(root, 'in-1'), halves[1]!, size, halves[0]!);
    const concurrency = options.concurrency ?? 2;
    const batchThreads = options.batchModelThreads ?? 1;
    const runs: [SideResult, SideResult, SideResult, SideResult] = [
      await runSide('batch', model, root, 0, concurrency, batchThreads),
      await runSide('sequential', model, root, 0, 1, 'default'),
      await runSide('sequential', model, root, 1, 1, 'default'),
      await runSide('batch', model, root, 1, concurrency, batchThreads),
    ];
    const batch = combine(runs[0], runs[3]);
    const sequential = combine(runs[1], runs[2]);
    for (const side of [batch, sequential]) {
      if (side.done !== options.images) throw new TesseraError('INTERNAL', `bench: got ${side.done} cut-outs, expected ${options.images}`);
    }
    return {
      batchImagesPerS: batch.imagesPerS,
      sequentialImagesPerS: sequential.imagesPerS,
      batchPeakRssMb: batch.peakRssMb,
      sequentialPeakRssMb: sequential.peakRssMb,
      images: options.images,
      size,
    };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/** A coloured square on a contrasting background, colour and placement varying with the index. */
async function drawImages(dir: string, count: number, size: number, first: number): Promise<void> {
  await mkdir(dir, { recursive: true });
  const palette = [[220, 30, 30], [30, 200, 60], [30, 50, 210], [230, 200, 20]];
  for (let i = first; i < first + count; i++) {
    const rgb = new Uint8Array(size * size * 3).fill(235);
    const margin = Math.round(size / 8) + (i % 3);
    for (let y = margin; y < size - margin; y++) {
      for (let x = margin; x < size - margin; x++) rgb.set(palette[i % palette.length], (y * size + x) * 3);
    }
    const png = await sharp(Buffer.from(rgb), { raw: { width: size, height: size, channels: 3 } }).png().toBuffer();
    await writeFile(join(dir, `img-${String(i).padStart(5, '0')}.png`), png);
  }
}

function runSide(mode: 'batch' | 'sequential', model: { kind: string; dir: string }, root: string, half: number, concurrency: number, threads: 1 | 'default'): Promise<SideResult> {
  return new Promise((resolve, reject) => {
    const self = fileURLToPath(import.meta.url);
    const child = spawn(process.execPath, ['--import', 'tsx', self, mode, model.kind, model.dir, root, String(half), String(concurrency), String(threads)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new TesseraError('INTERNAL', `bench child (${mode}): got exit code ${code}, expected 0`));
      resolve(JSON.parse(stdout.trim().split('\n').at(-1) as string) as SideResult);
    });
  });
}

/**
 * One model kind as both sides drive it: what the batch job is given, and the plain loop's engine calls for one
 * image (returning the cut-out and mask PNGs it writes).
 */
interface BenchModel {
  jobModel: Pick<CutoutJobOptions, 'segmenter' | 'subject'>;
  cutOut(image: RgbImage): Promise<{ cutoutPng: Uint8Array; maskPng: Uint8Array }>;
  release(): Promise<void>;
}

// The runner's model stage gets one ONNX Runtime thread, leaving the other core to its decode/resize/encode
// workers (sharp runs on libuv threads); the plain loop keeps the default (one thread per core). Measured on
// the 2-core VM with these small images: batch 1.29–1.41× the loop this way, 1.03× with default threads; the
// loop itself ran the same at 1 thread (11.3 vs 10.6–11.7 images/s). With a full-size encoder, where the
// model dominates, the default threads are the better choice.
async function openBenchModel(kind: string, dir: string, sessions: SessionCache): Promise<BenchModel> {
  if (kind === 'subject') {
    const subject = await openSubjectPort(dir, sessions);
    return {
      jobModel: { subject },
      async cutOut(image) {
        const { mask, alpha } = await subject.cutOut(image, await subject.prepareImage(image));
        return { cutoutPng: await encodePng(composeCutout(image, mask, { alpha: alpha.data }).image), maskPng: await encodeGrayPng(alpha) };
      },
      release: () => subject.release(),
    };
  }
  const segmenter = await openSamSegmenterPort(dir, sessions);
  return {
    jobModel: { segmenter },
    async cutOut(image) {
      await segmenter.setImage(image);
      const { mask } = await segmenter.predict({ points: [{ x: image.width / 2, y: image.height / 2, label: 1 }] });
      return { cutoutPng: await encodePng(composeCutout(image, mask).image), maskPng: await encodeMaskPng(mask) };
    },
    release: () => segmenter.release(),
  };
}

/** Child side: one of the two loops over the same folder, into its own output folder. */
async function childMain(mode: string, kind: string, dir: string, root: string, half: string, concurrency: number, threads: string): Promise<SideResult> {
  const sessions = new SessionCache(threads === '1' ? { threads: 1 } : {});
  const inputDir = join(root, `in-${half}`);
  const outputDir = join(root, `out-${mode}-${half}`);
  const model = await openBenchModel(kind, dir, sessions);
  const started = performance.now();
  let done = 0;
  try {
    if (mode === 'batch') {
      const job = await createCutoutJob({ inputDir, outputDir, ...model.jobModel });
      done = (await new BatchRunner({ inputDir, outputDir, concurrency }).run(job)).done;
    } else {
      await mkdir(outputDir, { recursive: true });
      for (const rel of (await discoverInputs(inputDir)).images) {
        const { cutoutPng, maskPng } = await model.cutOut(await decodeRgb(await readFile(join(inputDir, rel)), { name: rel }));
        const [cutoutPath, maskPath] = cutoutOutputs(rel);
        await writeFileAtomic(join(outputDir, cutoutPath), cutoutPng);
        await writeFileAtomic(join(outputDir, maskPath), maskPng);
        done += 1;
      }
    }
  } finally {
    await model.release();
  }
  const seconds = (performance.now() - started) / 1000;
  return { imagesPerS: done / seconds, peakRssMb: peakRssMb(), done, seconds };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [mode, kind, dir, root, half, concurrency, threads] = process.argv.slice(2);
  process.stdout.write(JSON.stringify(await childMain(mode, kind, dir, root, half, Number(concurrency), threads)) + '\n');
}
