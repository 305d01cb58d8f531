// The web host end to end in Node: the renderer's web client against a real host and service (temp models
// folder → demo pack on first run); events over the WebSocket; token/Origin guards on the upgrade; the `auto`
// provider micro-benchmark on the demo UNet.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import type { TesseraApi } from '../../../native-models/api/index.ts';
import { TesseraService } from '../../../native-models/service.ts';
import { EngineBackendsImpl, type GenerationHooks, type GenerationJob, type GeneratedImageOutput } from '../../../native-models/service/engine-backends.ts';
import { startWebHost, type WebHost } from '../../../cli/serve/web-host.ts';
import { ConnectionStatus } from '../../../renderer/src/bridge/connection-status.ts';
import { createWebClient, type EventSocket } from '../../../renderer/src/bridge/web-client.ts';

/** 1×1 PNG (a valid file; the fake engine returns it as its "image"). */
const PIXEL_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

/** Real inspection; a scripted generation that reports two steps and honours cancel. */
class ScriptedBackends extends EngineBackendsImpl {
  override async generate(job: GenerationJob, hooks: GenerationHooks): Promise<GeneratedImageOutput[]> {
    for (let step = 1; step <= 2; step++) {
      if (hooks.signal.aborted) throw new Error('aborted');
      hooks.onProgress({ step, totalSteps: 2, batchIndex: 0, batchCount: 1, elapsedMs: step, preview: { mimeType: 'image/png', base64: PIXEL_PNG } });
    }
    // As the real engine does: each image goes to hooks.onImage as soon as it is made (the service records it there).
    const output: GeneratedImageOutput = { image: { mimeType: 'image/png', base64: PIXEL_PNG }, width: job.width, height: job.height, seed: job.seed, scheduler: 'euler', stepsRun: 2 };
    await hooks.onImage(output);
    return [output];
  }
}

function nodeSocket(url: string): EventSocket {
  // The browser sends the page's Origin; so does this socket, as a page of the host would.
  const socket = new WebSocket(url, { origin: new URL(url.replace(/^ws/, 'http')).origin });
  // A browser's WebSocket reports a refused connection by closing; ws also emits 'error', which is thrown when
  // nobody listens (the client reconnects on close, as in the page).
  socket.on('error', () => {});
  return socket as unknown as EventSocket;
}

let modelsDir: string;
let service: TesseraService;
let host: WebHost;
let api: TesseraApi;

/** The web host over the one service; a restart passes the port and token it had, as `tessera serve` does. */
const startHost = (port: number, token?: string) =>
  startWebHost({ handlers: service, subscribe: (tap) => service.events.onAny(tap), rendererDir: path.join(modelsDir, 'no-renderer'), port, host: '127.0.0.1', ...(token ? { token } : {}) });

beforeAll(async () => {
  modelsDir = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-serve-'));
  service = await TesseraService.start({ host: 'web', modelsRoot: modelsDir, backends: new ScriptedBackends(), benchmark: { runs: 2 } });
  host = await startHost(0);
  api = createWebClient({ baseUrl: `http://127.0.0.1:${host.port}`, token: host.token, openSocket: nodeSocket, reconnectMs: 50 });
});

afterAll(async () => {
  await host.close();
  await service.dispose();
  await fs.rm(modelsDir, { recursive: true, force: true });
});

describe('web client ↔ web host', () => {
  it('lists the demo pack written on first run and selects its text-to-image model', async () => {
    const { models, selectedId } = await api.listModels();
    expect(models.map((m) => m.id)).toContain('demo-pack/demo-sam');
    expect(models.every((m) => m.demo && m.report.synthetic && m.report.usable)).toBe(true);
    expect(selectedId).toBe('demo-pack/demo-sd');
    expect((await api.getHealth()).demoPack.state).toBe('ready');
  });

  it('rejects a malformed call with INVALID_ARGUMENT and the field path, as a thrown ApiCallError', async () => {
    await expect(api.selectModel({ modelId: 'a/b/c' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('modelId') });
  });

  it('streams generation progress and the finished job over the WebSocket', async () => {
    const progress: number[] = [];
    const finished = new Promise<unknown>((resolve) => {
      const off = api.onJobUpdate((u) => {
        if (u.state === 'done' || u.state === 'failed') {
          off();
          resolve(u);
        }
      });
    });
    const offProgress = api.onGenerationProgress((p) => progress.push(p.step));
    await new Promise((r) => setTimeout(r, 200)); // the socket opens on first subscription
    const ticket = await api.generate({ modelId: 'demo-pack/demo-sd', prompt: 'a red circle', steps: 2, guidance: 7.5, seed: 3, width: 64, height: 64 });
    const update = (await finished) as { jobId: string; state: string; images: { imageId: string; seed: number }[] };
    offProgress();
    expect(update.jobId).toBe(ticket.jobId);
    expect(update.state).toBe('done');
    expect(update.images[0]!.seed).toBe(3);
    expect(update.images[0]!.imageId).toMatch(/^img-/);
    expect(progress).toEqual([1, 2]);
    // The result image id can be sent back instead of bytes (e.g. as the next img2img input).
    await expect(api.getJob({ jobId: ticket.jobId })).resolves.toMatchObject({ state: 'done' });
  });

  it('times the providers on the demo UNet and keeps the faster (CPU only here)', async () => {
    const { choices } = await api.benchmarkProviders({ modelId: 'demo-pack/demo-sd' });
    expect(choices[0]!.kind).toBe('diffusion/unet');
    expect(choices[0]!.chosen).toBe('cpu');
    const cpu = choices[0]!.measurements.find((m) => m.provider === 'cpu')!;
    expect(cpu.runs).toBe(2);
    expect(cpu.medianMs).toBeGreaterThan(0);
    expect((await api.getHealth()).providerChoices.map((c) => c.kind)).toEqual(['diffusion/unet']);
  });
});

describe('event socket guard', () => {
  function tryOpen(url: string, origin?: string): Promise<number | 'open'> {
    return new Promise((resolve) => {
      const ws = new WebSocket(url, origin ? { origin } : {});
      ws.on('open', () => {
        ws.close();
        resolve('open');
      });
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('error', () => {});
    });
  }

  it('refuses an upgrade without the token', async () => {
    await expect(tryOpen(`ws://127.0.0.1:${host.port}/api/events`)).resolves.toBe(403);
  });

  it('refuses an upgrade from a foreign Origin even with the token', async () => {
    await expect(tryOpen(`ws://127.0.0.1:${host.port}/api/events?token=${host.token}`, 'http://evil.example')).resolves.toBe(403);
  });

  it('accepts the token and only the events path', async () => {
    await expect(tryOpen(`ws://127.0.0.1:${host.port}/api/events?token=${host.token}`)).resolves.toBe('open');
    await expect(tryOpen(`ws://127.0.0.1:${host.port}/elsewhere?token=${host.token}`)).resolves.toBe(404);
  });
});


describe('host stopped and back on the same port', () => {
  it('says reconnecting at once, fails calls meanwhile with IO_ERROR, and reconnects with events flowing again', async () => {
    const connection = new ConnectionStatus();
    const client = createWebClient({ baseUrl: `http://127.0.0.1:${host.port}`, token: host.token, openSocket: nodeSocket, reconnectMs: 50, connection });
    const seen: string[] = [];
    connection.subscribe((state) => seen.push(state));
    const steps: number[] = [];
    const off = client.onGenerationProgress((p) => steps.push(p.step));
    await vi.waitFor(() => expect(connection.state).toBe('connected'));

    const { port, token } = host;
    await host.close();
    await vi.waitFor(() => expect(connection.state).toBe('reconnecting'));
    await expect(client.listJobs()).rejects.toMatchObject({ code: 'IO_ERROR', message: expect.stringContaining('stopped or is restarting') });

    host = await startHost(port, token);
    await vi.waitFor(() => expect(connection.state).toBe('connected'), { timeout: 5000 });
    // The re-opened socket carries the events of a job started after the return.
    await client.generate({ modelId: 'demo-pack/demo-sd', prompt: 'back again', steps: 2, guidance: 7.5, seed: 4, width: 64, height: 64 });
    await vi.waitFor(() => expect(steps).toEqual([1, 2]));
    off();
    expect(seen).toEqual(['connected', 'reconnecting', 'connected']);
  });
});
