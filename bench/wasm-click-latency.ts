// The same decoder file and feeds in onnxruntime-web's WASM backend (what the official SAM web demo uses).
// bench/ sits outside native-models/, so importing onnxruntime-web here does not break the rule that only
// native-models/runtime/ imports an ONNX Runtime; the Tessera side of the comparison goes through that runtime.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as ortWeb from 'onnxruntime-web';
import { clickFeeds, type ClickTimes } from './sam-latency.ts';
import { median, quantile, timeRuns } from './stats.ts';

export async function measureDecoderWasm(decoderFile: string, clicks: number): Promise<ClickTimes & { threads: number }> {
  const threads = os.cpus().length;
  ortWeb.env.wasm.numThreads = threads;
  const dataFile = `${path.basename(decoderFile)}_data`;
  const session = await ortWeb.InferenceSession.create(new Uint8Array(await fs.readFile(decoderFile)), {
    executionProviders: ['wasm'],
    externalData: [{ path: dataFile, data: new Uint8Array(await fs.readFile(path.join(path.dirname(decoderFile), dataFile))) }],
  });
  const toWeb = (i: number) =>
    Object.fromEntries(Object.entries(clickFeeds(i)).map(([name, t]) => [name, new ortWeb.Tensor('float32', t.data as Float32Array, [...t.dims])]));
  const feeds = Array.from({ length: clicks + 1 }, (_, i) => toWeb(i));
  await session.run(feeds[0]!);
  const ms = await timeRuns(clicks, (i) => session.run(feeds[i + 1]!));
  await session.release();
  return { p50Ms: median(ms), p95Ms: quantile(ms, 0.95), samples: ms.length, threads };
}
