// The same decoder file and feeds in onnxruntime-web's WASM backend (what the official SAM web demo uses) and in
// Tessera's runtime (onnxruntime-node), run click by click in turn, so that both see the same machine: on a shared
// VM, back-to-back blocks of runs drifted apart by up to 2× in the ratio. bench/ sits outside native-models/, so
// importing onnxruntime-web here does not break the rule that only native-models/runtime/ imports an ONNX Runtime.
// onnxruntime-web fixes its WASM thread count once per process, so each thread count runs in a child process
// (`wasm-click-latency.ts <decoderFile> <clicks> <threads>`).
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ortWeb from 'onnxruntime-web';
import { decoderOptimizationLevel } from '../native-models/pipelines/segment/decoder-optimization.ts';
import { readOnnxHeader } from '../native-models/models/onnx-header-reader.ts';
import { loadOnnxModel } from '../native-models/runtime/index.ts';
import { runJsonChild } from './json-child.ts';
import { clickFeeds, idleBeforeClick, type ClickTimes } from './sam-latency.ts';
import { median, quantile } from './stats.ts';

export interface DecoderComparison {
  node: ClickTimes;
  wasm: ClickTimes & { threads: number };
  /** Median over clicks of (WASM run ÷ the node run just before it). */
  speedup: number;
}

async function openWasm(decoderFile: string, threads: number): Promise<ortWeb.InferenceSession> {
  ortWeb.env.wasm.numThreads = threads;
  const dataFile = `${path.basename(decoderFile)}_data`;
  return ortWeb.InferenceSession.create(new Uint8Array(await fs.readFile(decoderFile)), {
    executionProviders: ['wasm'],
    externalData: [{ path: dataFile, data: new Uint8Array(await fs.readFile(path.join(path.dirname(decoderFile), dataFile))) }],
  });
}

function times(ms: number[]): ClickTimes {
  return { p50Ms: median(ms), p95Ms: quantile(ms, 0.95), samples: ms.length };
}

/**
 * The WASM thread count onnxruntime-web picks when the page sets none, as the official SAM demo does:
 * min(4, ⌈cores / 2⌉) in a cross-origin-isolated page (1 on two cores), 1 without isolation.
 */
export function ortWebDefaultThreads(cores = os.cpus().length): number {
  return Math.min(4, Math.ceil(cores / 2));
}

/** `clicks` decoder runs on each side, alternating node and WASM on the same feeds (one warm-up run each). */
async function compareInThisProcess(decoderFile: string, clicks: number, threads: number): Promise<DecoderComparison> {
  // The level SamSegmenter opens this decoder at (basic for a float decoder), so the node side is the app's.
  const node = await loadOnnxModel(decoderFile, { provider: 'cpu', graphOptimizationLevel: decoderOptimizationLevel(await readOnnxHeader(decoderFile)) });
  const wasm = await openWasm(decoderFile, threads);
  try {
    const toWeb = (i: number) =>
      Object.fromEntries(Object.entries(clickFeeds(i)).map(([name, t]) => [name, new ortWeb.Tensor('float32', t.data as Float32Array, [...t.dims])]));
    await node.run(clickFeeds(0));
    await wasm.run(toWeb(0));
    const nodeMs: number[] = [];
    const wasmMs: number[] = [];
    for (let i = 1; i <= clicks; i++) {
      const [nodeFeeds, wasmFeeds] = [clickFeeds(i), toWeb(i)];
      await idleBeforeClick();
      let started = performance.now();
      await node.run(nodeFeeds);
      nodeMs.push(performance.now() - started);
      await idleBeforeClick();
      started = performance.now();
      await wasm.run(wasmFeeds);
      wasmMs.push(performance.now() - started);
    }
    return { node: times(nodeMs), wasm: { ...times(wasmMs), threads }, speedup: median(wasmMs.map((w, i) => w / nodeMs[i]!)) };
  } finally {
    await node.release();
    await wasm.release();
  }
}

/** compareInThisProcess in a fresh process: onnxruntime-web keeps the first thread count it was given. */
export function compareDecoderNodeWasm(decoderFile: string, clicks: number, threads: number): Promise<DecoderComparison> {
  return runJsonChild(fileURLToPath(import.meta.url), [decoderFile, String(clicks), String(threads)]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [decoderFile, clicks, threads] = process.argv.slice(2);
  process.stdout.write(JSON.stringify(await compareInThisProcess(decoderFile!, Number(clicks), Number(threads))) + '\n');
}
