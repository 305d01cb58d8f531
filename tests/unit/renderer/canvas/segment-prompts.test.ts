// Segment-tool rules: multimask only for a lone point, candidates labelled by area, the default choice is the
// best score, boxes from drag corners, the model clicks go to.
import { describe, expect, it } from 'vitest';
import { boxFromCorners, labelCandidates, segmentModelOf, segmentRequest } from '../../../../renderer/src/store/canvas/segment-prompts.ts';
import { diffusionModel } from '../store/fake-api.ts';

const png = (tag: string) => ({ mimeType: 'image/png' as const, base64: tag });

describe('segment prompts', () => {
  it('asks for the three candidates for one point, one mask for more prompts, always by image id', () => {
    expect(segmentRequest('sam', 'img-1', [{ x: 1, y: 2, label: 1 }], null)).toEqual({ modelId: 'sam', image: { imageId: 'img-1' }, points: [{ x: 1, y: 2, label: 1 }], multimask: true });
    expect(segmentRequest('sam', 'img-1', [{ x: 1, y: 2, label: 1 }, { x: 3, y: 4, label: 0 }], null).multimask).toBe(false);
    expect(segmentRequest('sam', 'img-1', [{ x: 1, y: 2, label: 1 }], { x0: 0, y0: 0, x1: 5, y1: 5 })).toMatchObject({ multimask: false, box: { x0: 0, y0: 0, x1: 5, y1: 5 } });
  });

  it('labels three candidates whole / part / sub-part by area and picks the best score', () => {
    const masks = [
      { mask: png('mid'), score: 0.97, token: 2, area: 50, bbox: null },
      { mask: png('small'), score: 0.91, token: 3, area: 10, bbox: null },
      { mask: png('big'), score: 0.86, token: 1, area: 90, bbox: null },
    ];
    const { candidates, chosen } = labelCandidates(masks);
    expect(candidates.map((c) => [c.kind, c.mask.base64, c.score])).toEqual([
      ['Whole', 'big', 0.86],
      ['Part', 'mid', 0.97],
      ['Sub-part', 'small', 0.91],
    ]);
    expect(chosen).toBe(1);
    expect(labelCandidates([masks[0]!]).candidates[0]!.kind).toBe('Mask');
  });

  it('makes a box from drag corners in any order, clamped to the image; a line is no box', () => {
    expect(boxFromCorners({ x: 50, y: -5 }, { x: 10, y: 30 }, { width: 40, height: 40 })).toEqual({ x0: 10, y0: 0, x1: 40, y1: 30 });
    expect(boxFromCorners({ x: 5, y: 5 }, { x: 5, y: 30 }, { width: 40, height: 40 })).toBeNull();
  });

  it('sends clicks to the picked SAM model while usable, else the first usable one', () => {
    const sam = (id: string, usable = true) => ({ ...diffusionModel(id), report: { ...diffusionModel(id).report, kind: 'sam' as const, usable } });
    const models = [diffusionModel('sd'), sam('broken', false), sam('a'), sam('b')];
    expect(segmentModelOf({ models, segmentModelId: null })).toBe('a');
    expect(segmentModelOf({ models, segmentModelId: 'b' })).toBe('b');
    expect(segmentModelOf({ models, segmentModelId: 'broken' })).toBe('a');
    expect(segmentModelOf({ models: [diffusionModel('sd')], segmentModelId: null })).toBeNull();
  });
});
