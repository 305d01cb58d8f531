// Output names: sub-folders mirrored, x.jpg and x.png side by side kept apart, generate names stable.
import { describe, expect, it } from 'vitest';
import { cutoutOutputs, generateItemId, generateOutput, img2imgOutput, isBatchOutputName } from '../../../native-models/batch/output-naming.ts';

describe('output naming', () => {
  it('keeps the whole input name so x.jpg and x.png in one folder, and a/x.jpg and b/x.jpg, never collide', () => {
    const names = ['x.jpg', 'x.png', 'a/x.jpg', 'b/x.jpg', 'a/x.JPG'].flatMap(cutoutOutputs);
    expect(new Set(names).size).toBe(names.length);
    expect(cutoutOutputs('a/x.jpg')).toEqual(['a/x.jpg.cutout.png', 'a/x.jpg.mask.png']);
    expect(img2imgOutput('b/y.webp')).toBe('b/y.webp.img2img.png');
  });

  it('names generate items by prompt line and image number, never by seed', () => {
    expect(generateItemId('prompts.txt', 3, 2)).toBe('prompts.txt#L3#2');
    expect(generateOutput('prompts.txt', 3, 2)).toBe('prompts-L0003-2.png');
    expect(generateOutput('list', 12345, 1)).toBe('list-L12345-1.png');
  });

  it('recognises its own outputs (so an output folder equal to the input folder is not read back)', () => {
    expect(isBatchOutputName('a/x.jpg.cutout.png')).toBe(true);
    expect(isBatchOutputName('a/x.jpg.mask.png')).toBe(true);
    expect(isBatchOutputName('x.png')).toBe(false);
  });
});
