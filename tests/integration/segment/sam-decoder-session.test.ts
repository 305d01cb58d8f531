// SamSegmenter opens its float decoder at graph optimisation level `basic` (faster per click) and its encoder at
// the default `all`, both from the caller's shared SessionCache.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SamSegmenter } from '../../../native-models/pipelines/segment/sam-segmenter.ts';
import { inspectModelFolder } from '../../../native-models/models/index.ts';
import { SessionCache } from '../../../native-models/runtime/index.ts';
import { demoModel } from '../demo-pack.ts';

const sessions = new SessionCache({ provider: 'cpu', onWarning: () => {} });
afterAll(() => sessions.releaseAll());

describe('SamSegmenter sessions', () => {
  it('decoder at basic, encoder at all, both shared through the cache', async () => {
    const dir = demoModel('demo-sam');
    const segmenter = await SamSegmenter.open(dir, { sessions });
    const { sam } = await inspectModelFolder(dir);
    expect(segmenter.family.decoderModel).toBe(await sessions.get(path.join(dir, sam!.decoderFile), { graphOptimizationLevel: 'basic' }));
    expect(segmenter.family.encoderModel).toBe(await sessions.get(path.join(dir, sam!.encoderFile)));
    expect(sessions.size).toBe(2);
    // a second segmenter on the same folder reuses both sessions
    const again = await SamSegmenter.open(dir, { sessions });
    expect(again.family.decoderModel).toBe(segmenter.family.decoderModel);
    expect(sessions.size).toBe(2);
  });
});
