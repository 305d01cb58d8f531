// Segment Anything at full size: encoder time on the first setImage versus the cached second one, and click
// latency (decoder-only, cached embedding) through SamSegmenter.predict and as raw decoder runs.
import path from 'node:path';
import { SamSegmenter, type SegmentPoint } from '../native-models/pipelines/segment/index.ts';
import { float32Tensor, type Tensor } from '../native-models/core/tensor.ts';
import { loadOnnxModel, OnnxModel, SessionCache } from '../native-models/runtime/index.ts';
import type { RgbImage } from '../native-models/image/rgb-image.ts';
import { median, quantile, timeRuns } from './stats.ts';

/** A photo-sized test image: 1024×768 (long side = SAM's input size), seeded pseudo-random content. */
export function benchImage(seed: number, width = 1024, height = 768): RgbImage {
  const data = new Uint8Array(width * height * 3);
  let s = seed >>> 0;
  for (let i = 0; i < data.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    data[i] = s >>> 24;
  }
  return { width, height, channels: 3, data };
}

export interface EncoderTimes {
  firstMs: number;
  cachedMs: number;
}

export interface ClickTimes {
  p50Ms: number;
  p95Ms: number;
  samples: number;
}

/** setImage on a new image (encoder runs) and on the same image again (embedding cache hit), `reps` images. */
export async function measureEncoder(samDir: string, reps: number): Promise<EncoderTimes & { segmenter: SamSegmenter }> {
  const segmenter = await SamSegmenter.open(samDir, { sessions: new SessionCache({ provider: 'cpu' }) });
  await segmenter.setImage(benchImage(9999)); // warm-up: first-run allocations are not the encoder's cost
  const first: number[] = [];
  const cached: number[] = [];
  for (let rep = 0; rep < reps; rep++) {
    const image = benchImage(rep + 1);
    first.push(...(await timeRuns(1, () => segmenter.setImage(image))));
    cached.push(...(await timeRuns(1, () => segmenter.setImage(image))));
  }
  return { firstMs: median(first), cachedMs: median(cached), segmenter };
}

/** A segmenter on `samDir` with one photo-sized image set (its encoder run done), ready for measureClicks. */
export async function openWithImage(samDir: string): Promise<SamSegmenter> {
  const segmenter = await SamSegmenter.open(samDir, { sessions: new SessionCache({ provider: 'cpu' }) });
  await segmenter.setImage(benchImage(1));
  return segmenter;
}

export interface ClickBreakdown extends ClickTimes {
  /** Per click, predict's time outside the decoder run (prompt transform, feeds, thresholding with area/box). */
  outsideDecoderP50Ms: number;
  outsideDecoderP95Ms: number;
  /** Clicks that ran on the decoder's non-spinning session (the machine was busy: SamSegmenter's choice). */
  nonSpinningClicks: number;
}

/**
 * Idle time before each timed click: a user's clicks are at least that far apart, and it lets the thread pool of
 * the session that ran last stop spinning (on two cores a spinning pool slows the next run of another session).
 */
const CLICK_GAP_MS = 40;
export const idleBeforeClick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, CLICK_GAP_MS));

/**
 * Times each run of a segmenter's decoder (either of its sessions: SamSegmenter opens a non-spinning one on a busy
 * machine, sam-segmenter.ts) until `restore` is called: OnnxModel's run is wrapped for that decoder file only.
 */
function timeDecoderRuns(segmenter: SamSegmenter): { lastRunMs: () => number; lastRunSpun: () => boolean; restore: () => void } {
  const spinning = segmenter.family.decoderModel;
  const run = OnnxModel.prototype.run;
  let runMs = 0;
  let spun = true;
  OnnxModel.prototype.run = async function (this: OnnxModel, ...args: Parameters<typeof run>) {
    if (this.path !== spinning.path) return run.apply(this, args);
    spun = this === spinning;
    const started = performance.now();
    try {
      return await run.apply(this, args);
    } finally {
      runMs = performance.now() - started;
    }
  };
  return { lastRunMs: () => runMs, lastRunSpun: () => spun, restore: () => void (OnnxModel.prototype.run = run) };
}

/** The i-th bench click: a positive point spread over the segmenter's image (the same sequence for every decoder). */
export function clickPoint(segmenter: SamSegmenter, i: number): SegmentPoint {
  const size = segmenter.imageSize!;
  return { x: ((i * 37) % 100) / 100 * (size.width - 1), y: ((i * 61) % 100) / 100 * (size.height - 1), label: 1 };
}

/** Timed clicks per turn when several segmenters take turns (each turn starts with one untimed click). */
const CLICKS_PER_TURN = 10;

/**
 * Clicks at varying positions through SamSegmenter.predict (embedding already set): what a user waits for, with
 * an idle gap before each. With several segmenters they take turns of CLICKS_PER_TURN clicks, so that every
 * decoder sees the same phases of a shared machine; each turn begins with an untimed click, because an app clicks
 * one decoder repeatedly and the other decoders' turns would have pushed its weights out of the CPU caches.
 * The decoder run inside each click is timed too, so the rest is known.
 */
export async function measureClicks(segmenters: readonly SamSegmenter[], clicks: number): Promise<ClickBreakdown[]> {
  const timers = segmenters.map(timeDecoderRuns);
  try {
    const ms = segmenters.map(() => [] as number[]);
    const outside = segmenters.map(() => [] as number[]);
    const nonSpinning = segmenters.map(() => 0);
    for (let done = 0; done < clicks; done += CLICKS_PER_TURN) {
      for (const [k, segmenter] of segmenters.entries()) {
        await segmenter.predict({ points: [clickPoint(segmenter, 0)] });
        for (let i = done + 1; i <= Math.min(clicks, done + CLICKS_PER_TURN); i++) {
          await idleBeforeClick();
          const started = performance.now();
          await segmenter.predict({ points: [clickPoint(segmenter, i)] });
          ms[k]!.push(performance.now() - started);
          outside[k]!.push(ms[k]!.at(-1)! - timers[k]!.lastRunMs());
          if (!timers[k]!.lastRunSpun()) nonSpinning[k]! += 1;
        }
      }
    }
    return segmenters.map((_, k) => ({
      p50Ms: median(ms[k]!),
      p95Ms: quantile(ms[k]!, 0.95),
      samples: ms[k]!.length,
      outsideDecoderP50Ms: median(outside[k]!),
      outsideDecoderP95Ms: quantile(outside[k]!, 0.95),
      nonSpinningClicks: nonSpinning[k]!,
    }));
  } finally {
    for (const timer of timers.reverse()) timer.restore(); // each wrapped the one before it
  }
}

/** The decoder feeds of one click on a 1024×768 image (official contract, padding point appended). */
export function clickFeeds(i: number): Record<string, Tensor> {
  const embedding = new Float32Array(256 * 64 * 64).map((_, k) => Math.sin(k * 0.001));
  return {
    image_embeddings: float32Tensor(embedding, [1, 256, 64, 64]),
    point_coords: float32Tensor(Float32Array.of(100 + ((i * 37) % 800), 100 + ((i * 61) % 500), 0, 0), [1, 2, 2]),
    point_labels: float32Tensor(Float32Array.of(1, -1), [1, 2]),
    mask_input: float32Tensor(new Float32Array(256 * 256), [1, 1, 256, 256]),
    has_mask_input: float32Tensor(Float32Array.of(0), [1]),
    orig_im_size: float32Tensor(Float32Array.of(768, 1024), [2]),
  };
}

export function decoderFileOf(samDir: string): string {
  return path.join(samDir, 'sam_vit_b_full.decoder.onnx');
}

/**
 * How far a quantised decoder's masks are from the float decoder's on the same clicks: IoU of the masks
 * thresholded at 0 (all tokens), mean and worst over `clicks`.
 */
export async function maskAgreement(floatFile: string, quantisedFile: string, clicks: number): Promise<{ meanIou: number; minIou: number }> {
  const [a, b] = await Promise.all([loadOnnxModel(floatFile, { provider: 'cpu' }), loadOnnxModel(quantisedFile, { provider: 'cpu' })]);
  const ious: number[] = [];
  try {
    for (let i = 0; i < clicks; i++) {
      const feeds = clickFeeds(i);
      const x = (await a.run(feeds)).masks!.data as Float32Array;
      const y = (await b.run(feeds)).masks!.data as Float32Array;
      let both = 0;
      let either = 0;
      for (let k = 0; k < x.length; k++) {
        const p = x[k]! > 0;
        const q = y[k]! > 0;
        both += Number(p && q);
        either += Number(p || q);
      }
      ious.push(either === 0 ? 1 : both / either);
    }
  } finally {
    await Promise.all([a.release(), b.release()]);
  }
  return { meanIou: ious.reduce((s, v) => s + v, 0) / ious.length, minIou: Math.min(...ious) };
}
