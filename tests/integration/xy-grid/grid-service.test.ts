// generateGrid on the in-process service with the demo pack at 64×64: every cell is a gallery item whose PNG records
// its own parameters (the axis values applied, A1111's Prompt S/R), the grid PNG holds each cell's pixels at its
// place under labelled headers; a cancel keeps the finished cells and records a partial grid; bad axes fail the call.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchApiCall, type HistoryItem, type JobUpdateEvent } from '../../../native-models/api/index.ts';
import { gridLayout, MISSING_CELL_GREY } from '../../../native-models/image/xy-grid-image.ts';
import { readGenerationParameters } from '../../../native-models/image/png-metadata/generation-metadata.ts';
import { planGrid } from '../../../native-models/core/xy-grid/grid-plan.ts';
import { TesseraService } from '../../../native-models/service.ts';
import { modelsFolderWithDemoPack } from '../demo-pack.ts';

let root: string;
let service: TesseraService;
beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-grid-service-'));
  const modelsDir = await modelsFolderWithDemoPack(root);
  service = await TesseraService.start({ host: 'in-process', modelsRoot: modelsDir, dataDir: path.join(root, 'data'), provider: 'cpu', demoPackOnFirstRun: false });
});
afterAll(async () => {
  await service.dispose();
  await fs.rm(root, { recursive: true, force: true });
});

const BASE = { modelId: 'demo-pack/demo-sd', prompt: 'a red circle', negativePrompt: '', steps: 4, guidance: 7.5, seed: 11, width: 64, height: 64, previewEvery: 0 };

function finished(jobId: string): Promise<JobUpdateEvent> {
  return new Promise((resolve) => {
    const stop = service.onJobUpdate((u) => {
      if (u.jobId === jobId && u.state !== 'queued' && u.state !== 'running') {
        stop();
        resolve(u);
      }
    });
  });
}

async function jobItems(jobId: string): Promise<HistoryItem[]> {
  const { items } = await service.listHistory({ offset: 0, limit: 500 });
  return items.filter((i) => i.jobId === jobId).reverse();
}

async function rawOf(file: string) {
  return sharp(file).removeAlpha().raw().toBuffer({ resolveWithObject: true });
}

describe('generateGrid', () => {
  it('makes one gallery item per cell with its own parameters, and a grid holding each cell under labelled headers', async () => {
    const x = { axis: 'prompt-sr' as const, values: ['red', 'blue', 'green'] };
    const y = { axis: 'steps' as const, values: [3, 5] };
    const ticket = (await dispatchApiCall(service, 'generateGrid', { ...BASE, x, y })) as { jobId: string };
    const done = await finished(ticket.jobId);
    expect(done).toMatchObject({ state: 'done', kind: 'grid', imagesRequested: 6 });
    expect(done.images).toHaveLength(6);
    expect(done.label).toBe('X/Y plot Prompt S/R × Steps: a red circle');

    const items = await jobItems(ticket.jobId);
    expect(items).toHaveLength(7);
    const [cells, grid] = [items.slice(0, 6), items[6]!];
    const colours: Record<string, readonly number[]> = { red: [255, 0, 0], blue: [0, 0, 255], green: [0, 255, 0] };
    for (const [index, item] of cells.entries()) {
      const [column, row] = [index % 3, Math.floor(index / 3)];
      const word = x.values[column]!;
      // What the PNG itself records, not only the history index.
      const meta = readGenerationParameters(new Uint8Array(await fs.readFile(item.file)));
      expect(meta?.parameters).toMatchObject({ prompt: `a ${word} circle`, steps: y.values[row], seed: 11, guidance: 7.5, width: 64, height: 64, model: 'demo-sd' });
      expect(item.parameters).toEqual(meta?.parameters);
      // The demo model paints the prompt's colour: the replaced word reached the text encoder.
      const { data } = await rawOf(item.file);
      const centre = (32 * 64 + 32) * 3;
      for (let c = 0; c < 3; c++) expect(Math.abs(data[centre + c]! - colours[word]![c]!)).toBeLessThan(60);
    }

    const gridMeta = readGenerationParameters(new Uint8Array(await fs.readFile(grid.file)));
    expect(gridMeta?.parameters.extra).toMatchObject({ 'X/Y plot X': 'Prompt S/R: red, blue, green', 'X/Y plot Y': 'Steps: 3, 5', 'X/Y plot cells': '6 of 6' });
    const layout = gridLayout(planGrid({ ...BASE }, x, y), 64, 64);
    const g = await rawOf(grid.file);
    expect([g.info.width, g.info.height, grid.width, grid.height]).toEqual([layout.width, layout.height, layout.width, layout.height]);
    expect(layout.left).toBeGreaterThan(0);
    for (const [index, item] of cells.entries()) {
      const cell = (await rawOf(item.file)).data;
      const { x: ox, y: oy } = layout.origin(index % 3, Math.floor(index / 3));
      for (const [px, py] of [[0, 0], [32, 32], [63, 63], [10, 50]] as const) {
        const at = ((oy + py) * layout.width + ox + px) * 3;
        expect([...g.data.subarray(at, at + 3)]).toEqual([...cell.subarray((py * 64 + px) * 3, (py * 64 + px) * 3 + 3)]);
      }
    }
    // Text in the header above each column and left of each row: dark pixels on the white bands.
    const inkIn = (x0: number, y0: number, w: number, h: number) => {
      let ink = 0;
      for (let yy = y0; yy < y0 + h; yy++) for (let xx = x0; xx < x0 + w; xx++) if (g.data[(yy * layout.width + xx) * 3]! < 100) ink++;
      return ink;
    };
    for (let column = 0; column < 3; column++) expect(inkIn(layout.origin(column, 0).x, 0, 64, layout.top)).toBeGreaterThan(20);
    for (let row = 0; row < 2; row++) expect(inkIn(0, layout.origin(0, row).y, layout.left, 64)).toBeGreaterThan(20);
    expect(inkIn(0, 0, layout.left, layout.top)).toBe(0);
  });

  it('a cancel keeps the finished cells and records a partial grid with the missing cells grey', async () => {
    const x = { axis: 'seed' as const, values: [1, 2, 3, 4] };
    const ticket = (await dispatchApiCall(service, 'generateGrid', { ...BASE, steps: 3, x })) as { jobId: string };
    const stop = service.onHistoryChanged(() => {
      stop();
      void service.cancel({ jobId: ticket.jobId });
    });
    const final = await finished(ticket.jobId);
    expect(final.state).toBe('cancelled');
    const made = final.images!.length;
    expect(made).toBeGreaterThanOrEqual(1);
    expect(made).toBeLessThan(4);
    const items = await jobItems(ticket.jobId);
    expect(items).toHaveLength(made + 1);
    expect(items.slice(0, made).map((i) => i.parameters.seed)).toEqual(x.values.slice(0, made));
    const grid = items[made]!;
    expect(grid.parameters.extra?.['X/Y plot cells']).toBe(`${made} of 4`);
    const layout = gridLayout(planGrid({ ...BASE }, x), 64, 64);
    expect(layout.left).toBe(0);
    const g = await rawOf(grid.file);
    const { x: ox, y: oy } = layout.origin(3, 0);
    expect([...g.data.subarray(((oy + 32) * layout.width + ox + 32) * 3, ((oy + 32) * layout.width + ox + 32) * 3 + 3)]).toEqual([MISSING_CELL_GREY, MISSING_CELL_GREY, MISSING_CELL_GREY]);
  });

  it('refuses a bad plot before anything is queued', async () => {
    const bad = async (args: object, code: string, text: string) => expect(dispatchApiCall(service, 'generateGrid', { ...BASE, ...args })).rejects.toMatchObject({ code, message: expect.stringContaining(text) });
    await bad({ x: { axis: 'prompt-sr', values: ['purple', 'blue'] } }, 'INVALID_ARGUMENT', 'search term "purple"');
    await bad({ x: { axis: 'steps', values: [2] }, y: { axis: 'steps', values: [3] } }, 'INVALID_ARGUMENT', 'two different axes');
    await bad({ x: { axis: 'scheduler', values: ['euler', 'no_such'] } }, 'INVALID_ARGUMENT', 'no_such');
    await bad({ x: { axis: 'model', values: ['demo-pack/demo-sd', 'demo-pack/missing'] } }, 'MODEL_NOT_FOUND', 'missing');
    await bad({ x: { axis: 'seed', values: [1, 2, 3, 4, 5, 6, 7, 8, 9] }, y: { axis: 'steps', values: [1, 2, 3, 4, 5, 6, 7, 8] } }, 'INVALID_ARGUMENT', 'at most 64 cells');
  });
});
