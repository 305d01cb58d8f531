// Output names: the input's name without its extension plus the job's suffix, sub-folders mirrored, generate names
// stable; output-plan.ts keeps x.jpg and x.png apart and keeps the names older manifests recorded.
import { describe, expect, it } from 'vitest';
import { parseManifest } from '../../../native-models/batch/manifest-reader.ts';
import { cutoutOutputs, generateItemId, generateOutput, img2imgOutput, isBatchOutputName, versionedOutput } from '../../../native-models/batch/output-naming.ts';
import { planOutputs } from '../../../native-models/batch/output-plan.ts';

const items = (rels: string[]) => rels.map((input) => ({ input, outputs: cutoutOutputs(input) }));
const done = (input: string, outputs: string[], status = 'done') => JSON.stringify({ input, status, outputs, job: 'cutout', hash: 'h', at: '' });

describe('output naming', () => {
  it('drops the input extension (no doubled extensions), keeps sub-folders', () => {
    expect(cutoutOutputs('img00.png')).toEqual(['img00.cutout.png', 'img00.mask.png']);
    expect(cutoutOutputs('a/x.jpg')).toEqual(['a/x.cutout.png', 'a/x.mask.png']);
    expect(cutoutOutputs('a.b/noext')).toEqual(['a.b/noext.cutout.png', 'a.b/noext.mask.png']);
    expect(img2imgOutput('b/y.webp')).toBe('b/y.img2img.png');
    expect(versionedOutput('x.cutout.png', 2)).toBe('x.v2.cutout.png');
    expect(versionedOutput('prompts-L0003-1.png', 3)).toBe('prompts-L0003-1.v3.png');
  });

  it('names generate items by prompt line and image number, never by seed', () => {
    expect(generateItemId('prompts.txt', 3, 2)).toBe('prompts.txt#L3#2');
    expect(generateOutput('prompts.txt', 3, 2)).toBe('prompts-L0003-2.png');
    expect(generateOutput('list', 12345, 1)).toBe('list-L12345-1.png');
  });

  it('recognises its own outputs (so an output folder equal to the input folder is not read back)', () => {
    expect(isBatchOutputName('a/x.cutout.png')).toBe(true);
    expect(isBatchOutputName('a/x.jpg.mask.png')).toBe(true);
    expect(isBatchOutputName('x.png')).toBe(false);
  });
});

describe('planOutputs', () => {
  it('keeps x.jpg and x.png apart: the later one gets its extension back; a/x.jpg and b/x.jpg never collide', () => {
    const plan = planOutputs(items(['a/x.jpg', 'b/x.jpg', 'x.jpg', 'x.png', 'x.webp']), parseManifest(''), new Set());
    expect(plan.items.map((i) => i.outputs[0])).toEqual(['a/x.cutout.png', 'b/x.cutout.png', 'x.cutout.png', 'x.png.cutout.png', 'x.webp.cutout.png']);
    const all = plan.items.flatMap((i) => i.outputs);
    expect(new Set(all).size).toBe(all.length);
  });

  it('an input done (or started) before keeps the names its line recorded, old doubled ones included', () => {
    const state = parseManifest([done('a.png', ['a.png.cutout.png', 'a.png.mask.png']), done('x.png', ['x.cutout.png', 'x.mask.png']), done('b.png', ['b.png.cutout.png', 'b.png.mask.png'], 'started')].join('\n'));
    const plan = planOutputs(items(['a.png', 'b.png', 'c.png', 'x.jpg', 'x.png']), state, new Set());
    expect(plan.items.map((i) => i.outputs[0])).toEqual(['a.png.cutout.png', 'b.png.cutout.png', 'c.cutout.png', 'x.jpg.cutout.png', 'x.cutout.png']);
    // done items get free version names for a changed input, beside everything that exists or is claimed
    expect(plan.versions.get('a.png')).toEqual(['a.png.v2.cutout.png', 'a.png.v2.mask.png']);
    expect(plan.versions.has('c.png')).toBe(false);
    const taken = planOutputs(items(['x.png']), state, new Set(['x.v2.cutout.png']));
    expect(taken.versions.get('x.png')).toEqual(['x.v3.cutout.png', 'x.v3.mask.png']);
  });
});
