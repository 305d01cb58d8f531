// manifest.jsonl: later lines supersede earlier ones, torn and foreign lines are tolerated, appends are
// whole lines even after a torn tail, and concurrent appends all land.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ManifestEntry } from '../../../native-models/batch/manifest-entry.ts';
import { parseManifest, readManifest } from '../../../native-models/batch/manifest-reader.ts';
import { ManifestWriter } from '../../../native-models/batch/manifest-writer.ts';

const line = (input: string, status: ManifestEntry['status'], outputs: string[] = [], job = 'cutout') => JSON.stringify({ input, status, outputs, job, at: '' });

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-manifest-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('parseManifest', () => {
  it('keeps the latest line per input and every output any line claimed', () => {
    const state = parseManifest([line('a', 'started', ['a.1']), line('b', 'failed'), line('a', 'done', ['a.1', 'a.2'])].join('\n') + '\n');
    expect(state.latest.get('a')?.status).toBe('done');
    expect(state.latest.get('b')?.status).toBe('failed');
    expect([...(state.claimed.get('a') ?? [])]).toEqual(['a.1', 'a.2']);
    expect(state.unreadableLines).toBe(0);
  });

  it('skips a torn last line and lines that are not entries, counting them', () => {
    const text = [line('a', 'done'), '{"input":"b","status":"do', '[1,2]', '{"input":"c","status":"weird","outputs":[]}', line('d', 'done')].join('\n');
    const state = parseManifest(text);
    expect([...state.latest.keys()]).toEqual(['a', 'd']);
    expect(state.unreadableLines).toBe(3);
  });

  it('with a job kind, ignores lines of other jobs sharing the folder', () => {
    const state = parseManifest([line('x.jpg', 'done', [], 'cutout'), line('x.jpg', 'failed', [], 'img2img')].join('\n'), 'cutout');
    expect(state.latest.get('x.jpg')?.status).toBe('done');
  });

  it('keeps the latest header per job kind; a redo header voids the done lines before it, not their claims', () => {
    const header = (job: string, parameters: Record<string, unknown>, redo?: true) => JSON.stringify({ type: 'header', job, parameters, ...(redo ? { redo } : {}), at: '' });
    const text = [
      header('cutout', { prompt: 'center' }),
      header('img2img', { strength: 0.5 }),
      line('a', 'done', ['a.cutout.png']),
      line('x', 'done', ['x.img2img.png'], 'img2img'),
      header('cutout', { prompt: 'center', crop: true }, true),
      line('b', 'done', ['b.cutout.png']),
    ].join('\n');
    const state = parseManifest(text);
    expect(state.headers.get('cutout')?.parameters).toEqual({ prompt: 'center', crop: true });
    expect(state.headers.get('img2img')?.parameters).toEqual({ strength: 0.5 });
    expect([...state.latest.keys()]).toEqual(['x', 'b']); // a was done with the settings before the redo
    expect([...(state.claimed.get('a') ?? [])]).toEqual(['a.cutout.png']);
    expect(state.unreadableLines).toBe(0);
    // filtered by kind, the other kind's header is left out too
    expect([...parseManifest(text, 'img2img').headers.keys()]).toEqual(['img2img']);
  });
});

describe('ManifestWriter', () => {
  it('starts a new line after a torn tail and writes concurrent appends as whole lines', async () => {
    const file = path.join(dir, 'manifest.jsonl');
    await fs.writeFile(file, line('a', 'done') + '\n{"input":"b","sta');
    const writer = await ManifestWriter.open(file);
    const entries = Array.from({ length: 20 }, (_, i) => ({ input: `n${i}`, status: 'done' as const, outputs: [], job: 'cutout', at: '' }));
    await Promise.all(entries.map((e) => writer.append(e)));
    await writer.close();
    const state = await readManifest(file);
    expect(state.latest.size).toBe(21);
    expect(state.unreadableLines).toBe(1);
  });

  it('a missing manifest reads as empty; an unwritable one is a clear IO_ERROR', async () => {
    expect((await readManifest(path.join(dir, 'none.jsonl'))).latest.size).toBe(0);
    await fs.writeFile(path.join(dir, 'file'), 'x');
    await expect(ManifestWriter.open(path.join(dir, 'file', 'manifest.jsonl'))).rejects.toMatchObject({
      code: 'IO_ERROR',
      message: expect.stringMatching(/cannot write the manifest .*a parent of the path is not a folder \(ENOTDIR\)/),
    });
  });
});
