// SamSegmenter on a decoder exported with --return-single-mask (M = 1, as the official web demo's and
// samexporter's *_single decoders): one mask per prediction, the one the export's select_masks picks — the
// best-scored multimask candidate for a lone click or a lone box (2 points), the single-mask token for 3+ points.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDecoder } from '../../../native-models/demo/sam/sam-decoder-graph.ts';
import { SamSegmenter, type PredictRequest } from '../../../native-models/pipelines/segment/sam-segmenter.ts';
import { SessionCache } from '../../../native-models/runtime/index.ts';
import { demoModel } from '../demo-pack.ts';
import { makeTempDir } from '../../fixtures/tiny-models.ts';
import { drawImage, type Rgb, type Shape } from './draw.ts';

const GREEN_BG: Rgb = [40, 170, 70];
const left: Shape = { kind: 'disc', cx: 80, cy: 100, r: 50, colour: [230, 40, 40] };
const right: Shape = { kind: 'rect', x0: 200, y0: 50, x1: 300, y1: 150, colour: [170, 20, 20] };
const image = drawImage(320, 200, GREEN_BG, [left, right]);
const sessions = new SessionCache({ provider: 'cpu', onWarning: () => {} });
let dir: string;
let single: SamSegmenter;
let multi: SamSegmenter;

beforeAll(async () => {
  dir = await makeTempDir('tessera-single-mask-');
  await fs.copyFile(path.join(demoModel('demo-sam'), 'sam_demo.encoder.onnx'), path.join(dir, 'sam_demo.encoder.onnx'));
  await fs.writeFile(path.join(dir, 'sam_demo.decoder.onnx'), buildDecoder({ singleMask: true }).serialize().model);
  [single, multi] = [await SamSegmenter.open(dir, { sessions }), await SamSegmenter.open(demoModel('demo-sam'), { sessions })];
  await single.setImage(image);
  await multi.setImage(image);
});

afterAll(async () => {
  await sessions.releaseAll();
  await fs.rm(dir, { recursive: true, force: true });
});

/** The multimask decoder's mask from `token` for the same prompt. */
async function multimaskToken(request: PredictRequest, token: number) {
  const all = [...(await multi.predict({ ...request, multimask: true })).masks, (await multi.predict({ ...request, multimask: false })).best];
  return all.find((m) => m.token === token)!;
}

describe('a single-mask export through SamSegmenter', () => {
  it('a lone click: one mask, the best-scored multimask candidate (token 2 of the demo decoder), even when candidates are asked for', async () => {
    const request: PredictRequest = { points: [{ x: 80, y: 100, label: 1 }] };
    for (const multimask of [false, true]) {
      const result = await single.predict({ ...request, multimask });
      expect(result.masks).toHaveLength(1);
      const expected = await multimaskToken(request, 2);
      expect(result.best.score).toBeCloseTo(expected.score, 6);
      expect(result.best.mask.data).toEqual(expected.mask.data);
      expect(result.best.area).toBe(expected.area);
      expect(result.best.lowResLogits).toEqual(expected.lowResLogits);
    }
    // the demo decoder's four tokens have four different scores, so the score shows which one was chosen
    expect(new Set((await multi.predict({ ...request, multimask: true })).masks.map((m) => m.score)).size).toBe(3);
  });

  it.each([
    ['two clicks (3 points with the padding)', 0, { points: [{ x: 80, y: 100, label: 1 as const }, { x: 250, y: 100, label: 1 as const }] }],
    ['a click and a box (3 points)', 0, { points: [{ x: 80, y: 100, label: 1 as const }], box: { x0: 20, y0: 40, x1: 150, y1: 160 } }],
    // a box alone is 2 points (no padding point with a box), so the export takes the best candidate
    ['a box alone (2 points)', 2, { points: [], box: { x0: 20, y0: 40, x1: 150, y1: 160 } }],
  ])('%s: token %i', async (_, token, request: PredictRequest) => {
    const result = await single.predict(request);
    expect(result.masks).toHaveLength(1);
    const expected = await multimaskToken(request, token);
    expect(result.best.mask.data).toEqual(expected.mask.data);
    expect(result.best.score).toBeCloseTo(expected.score, 6);
  });
});
