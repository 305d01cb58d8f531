// The real engine behind the web host: generate, cancel and segment on the demo pack through the renderer's
// web client, the service's queue and the WebSocket events, with the pictures checked pixel by pixel.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { TesseraApi } from '../../../native-models/api/index.ts';
import { TesseraService } from '../../../native-models/service.ts';
import { EngineBackendsImpl } from '../../../native-models/service/engine-backends.ts';
import { readGenerationParameters } from '../../../native-models/image/png-metadata/generation-metadata.ts';
import { startWebHost, type WebHost } from '../../../cli/serve/web-host.ts';
import { createWebClient, type EventSocket } from '../../../renderer/src/bridge/web-client.ts';

let modelsDir: string;
let service: TesseraService;
let host: WebHost;
let api: TesseraApi;

function nodeSocket(url: string): EventSocket {
  const socket = new WebSocket(url, { origin: new URL(url.replace(/^ws/, 'http')).origin });
  // A browser's WebSocket reports a refused connection by closing; ws also emits 'error', which is thrown when
  // nobody listens (the client reconnects on close, as in the page).
  socket.on('error', () => {});
  return socket as unknown as EventSocket;
}

/** Resolves with the job's final update (done / failed / cancelled). */
function finalUpdate(jobId: () => string | undefined): Promise<{ jobId: string; state: string; images?: { imageId: string; image: { base64: string } }[]; error?: { code: string } }> {
  return new Promise((resolve) => {
    const off = api.onJobUpdate((u) => {
      if (u.jobId === jobId() && (u.state === 'done' || u.state === 'failed' || u.state === 'cancelled')) {
        off();
        resolve(u as never);
      }
    });
  });
}

async function pixels(base64: string): Promise<{ at: (x: number, y: number) => number[]; width: number; height: number }> {
  const { data, info } = await sharp(Buffer.from(base64, 'base64')).raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, at: (x, y) => Array.from(data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3)) };
}

beforeAll(async () => {
  modelsDir = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-engine-host-'));
  service = await TesseraService.start({ host: 'web', modelsRoot: modelsDir, backends: new EngineBackendsImpl(), benchmark: { runs: 1 } });
  host = await startWebHost({ handlers: service, subscribe: (tap) => service.events.onAny(tap), rendererDir: path.join(modelsDir, 'no-renderer'), port: 0, host: '127.0.0.1' });
  api = createWebClient({ baseUrl: `http://127.0.0.1:${host.port}`, token: host.token, openSocket: nodeSocket, reconnectMs: 50 });
  api.onJobUpdate(() => {}); // opens the event socket before the first job
  await new Promise((r) => setTimeout(r, 200));
});

afterAll(async () => {
  await host.close();
  await service.dispose();
  await fs.rm(modelsDir, { recursive: true, force: true });
});

describe('the engine behind the web host', () => {
  let redCircleId = '';

  it('counts a prompt’s tokens per 77-token chunk with the model’s own CLIP tokenizer', async () => {
    // "a", "red", "circle" are one token each in the CLIP vocabulary; 80 × "cat" fills a chunk of 75 and 5 more.
    expect(await api.countPromptTokens({ modelId: 'demo-pack/demo-sd', prompt: 'a (red:1.2) circle' })).toEqual({ chunks: [3], chunkCapacity: 75 });
    expect(await api.countPromptTokens({ modelId: 'demo-pack/demo-sd', prompt: Array(80).fill('cat').join(' ') })).toEqual({ chunks: [75, 5], chunkCapacity: 75 });
    await expect(api.countPromptTokens({ modelId: 'demo-pack/demo-sam', prompt: 'x' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('of kind sam, expected a diffusion model') });
  });

  it('generates "a red circle": a red disc on gray, with its parameters in the PNG', async () => {
    const job: { id?: string } = {};
    const done = finalUpdate(() => job.id);
    job.id = (await api.generate({ modelId: 'demo-pack/demo-sd', prompt: 'a red circle', steps: 6, guidance: 1, seed: 11, width: 96, height: 64, scheduler: 'euler' })).jobId;
    const update = await done;
    expect(update.state).toBe('done');
    const image = update.images![0]!;
    const p = await pixels(image.image.base64);
    expect([p.width, p.height]).toEqual([96, 64]);
    expect(p.at(48, 32)).toEqual([255, 0, 0]);
    expect(p.at(2, 2)).toEqual([128, 128, 128]);
    expect(readGenerationParameters(new Uint8Array(Buffer.from(image.image.base64, 'base64')))?.parameters).toMatchObject({ prompt: 'a red circle', seed: 11, steps: 6 });
    redCircleId = image.imageId;
  });

  it('segments the disc of that result by its image id: the mask covers the disc', async () => {
    const result = await api.segment({ modelId: 'demo-pack/demo-sam', image: { imageId: redCircleId }, points: [{ x: 48, y: 32, label: 1 }] });
    const mask = await pixels(result.masks[0]!.mask.base64);
    expect(mask.at(48, 32)[0]).toBe(255); // centre of the disc
    expect(mask.at(2, 2)[0]).toBe(0); // background
    // disc diameter = half the shorter side = 32 px → area ≈ π·16² ≈ 804
    expect(result.masks[0]!.area).toBeGreaterThan(650);
    expect(result.masks[0]!.area).toBeLessThan(950);
  });

  it('segmentSubject: the demo background-removal model finds the disc with no clicks, with its confidence', async () => {
    const listed = await api.listModels();
    expect(listed.models.find((m) => m.id === 'demo-pack/demo-rembg-u2net')?.report).toMatchObject({ kind: 'background-removal', usable: true, backgroundRemoval: { family: 'u2net' } });
    const result = await api.segmentSubject({ modelId: 'demo-pack/demo-rembg-u2net', image: { imageId: redCircleId } });
    expect(result).toMatchObject({ imageId: redCircleId, width: 96, height: 64, family: 'u2net' });
    const mask = await pixels(result.mask.base64);
    expect(mask.at(48, 32)[0]).toBeGreaterThanOrEqual(250);
    expect(mask.at(2, 2)[0]).toBeLessThanOrEqual(5);
    expect(Math.abs(result.area - Math.PI * 16 * 16)).toBeLessThan(80);
    expect(result.confidence).toBeGreaterThan(0.9);
    // The subject mask as SAM's mask prompt: a click on the background then keeps the disc (the demo decoder unites
    // its selection with the prompt); the same click without the prompt selects the background only.
    const click = { modelId: 'demo-pack/demo-sam', image: { imageId: redCircleId }, points: [{ x: 2, y: 2, label: 1 as const }] };
    const refined = await pixels((await api.segment({ ...click, maskPrompt: result.mask })).masks[0]!.mask.base64);
    const fresh = await pixels((await api.segment(click)).masks[0]!.mask.base64);
    expect([refined.at(48, 32)[0], refined.at(2, 2)[0]]).toEqual([255, 255]);
    expect([fresh.at(48, 32)[0], fresh.at(2, 2)[0]]).toEqual([0, 255]);
    await expect(api.segmentSubject({ modelId: 'demo-pack/demo-sam', image: { imageId: redCircleId } })).rejects.toMatchObject({ code: 'MODEL_INVALID', message: expect.stringMatching(/a sam model, expected a background-removal model/) });
  });

  it('clicks again on the same image: each mask\'s area and box are those of its PNG; a corrupt image fails each time', async () => {
    for (const point of [{ x: 48, y: 32 }, { x: 52, y: 30 }, { x: 5, y: 5 }]) {
      const result = await api.segment({ modelId: 'demo-pack/demo-sam', image: { imageId: redCircleId }, points: [{ ...point, label: 1 }], multimask: true });
      for (const m of result.masks) {
        const mask = await pixels(m.mask.base64);
        let area = 0;
        let box: { x0: number; y0: number; x1: number; y1: number } | null = null;
        for (let y = 0; y < mask.height; y++) {
          for (let x = 0; x < mask.width; x++) {
            if (mask.at(x, y)[0] !== 255) continue;
            area++;
            box = box ? { x0: Math.min(box.x0, x), y0: Math.min(box.y0, y), x1: Math.max(box.x1, x + 1), y1: Math.max(box.y1, y + 1) } : { x0: x, y0: y, x1: x + 1, y1: y + 1 };
          }
        }
        expect(m.area, `area at ${point.x},${point.y}`).toBe(area);
        expect(m.bbox).toEqual(box);
      }
    }
    // A PNG signature followed by garbage reaches the decoder, which refuses it (twice: nothing is cached).
    const broken = { mimeType: 'image/png', base64: Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.from('not a PNG at all')]).toString('base64') } as const;
    for (let attempt = 0; attempt < 2; attempt++) {
      await expect(api.segment({ modelId: 'demo-pack/demo-sam', image: { image: broken }, points: [{ x: 1, y: 1, label: 1 }] })).rejects.toMatchObject({ code: 'IMAGE_UNREADABLE' });
    }
    // SVG bytes declared as a PNG never reach a decoder: the contract compares the declared type with the bytes.
    const svg = { mimeType: 'image/png', base64: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>').toString('base64') } as const;
    await expect(api.segment({ modelId: 'demo-pack/demo-sam', image: { image: svg }, points: [{ x: 1, y: 1, label: 1 }] })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('image.image.mimeType: got text (SVG, XML or HTML) bytes declared as image/png'),
    });
  });

  it('cancels a running generation within a step', async () => {
    const job: { id?: string } = {};
    const done = finalUpdate(() => job.id);
    const offProgress = api.onGenerationProgress((p) => {
      if (p.jobId === job.id && p.step === 2) void api.cancel({ jobId: p.jobId });
    });
    job.id = (await api.generate({ modelId: 'demo-pack/demo-sd', prompt: 'blue', steps: 400, guidance: 1, seed: 1, width: 64, height: 64 })).jobId;
    const update = await done;
    offProgress();
    expect(update.state).toBe('cancelled');
  });

  it('reports an engine error (inpainting model without a mask) on the job, not as a crash', async () => {
    const job: { id?: string } = {};
    const done = finalUpdate(() => job.id);
    job.id = (await api.generate({ modelId: 'demo-pack/demo-sd-inpaint', prompt: 'red', steps: 2, guidance: 1, seed: 1, width: 64, height: 64 })).jobId;
    const update = await done;
    expect(update.state).toBe('failed');
    expect(update.error?.code).toBe('INVALID_ARGUMENT');
  });
});
