// Input discovery: image extensions, deterministic order, recursion, skipped non-images, hidden files and
// sidecars ignored, an output folder inside the input folder left out.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverInputs } from '../../../native-models/batch/input-discovery.ts';
import { discoverImageFolder } from '../../../native-models/batch/image-folder-inputs.ts';

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-discover-'));
  const files = ['b.png', 'a.JPG', 'a.jpeg', 'Z.webp', 'notes.txt', 'README', '.hidden.png', 'a.JPG.box.json', 'sub/x.png', 'sub/deeper/y.tiff', 'sub/doc.pdf', 'out/old.png'];
  for (const f of files) {
    await fs.mkdir(path.dirname(path.join(dir, f)), { recursive: true });
    await fs.writeFile(path.join(dir, f), 'x');
  }
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('discoverInputs', () => {
  it('lists images of the top folder sorted by code units and the non-images as skipped', async () => {
    const found = await discoverInputs(dir);
    expect(found.images).toEqual(['Z.webp', 'a.JPG', 'a.jpeg', 'b.png']);
    expect(found.skipped.map((s) => s.input)).toEqual(['README', 'notes.txt']);
    expect(found.skipped[1].reason).toMatch(/not an image: got extension "\.txt", expected one of \.png/);
  });

  it('recurses with recursive, with "/" separators, and honours exclusions', async () => {
    const found = await discoverInputs(dir, { recursive: true, exclude: (rel) => rel === 'out' });
    expect(found.images).toEqual(['Z.webp', 'a.JPG', 'a.jpeg', 'b.png', 'sub/deeper/y.tiff', 'sub/x.png']);
    expect(found.skipped.map((s) => s.input)).toEqual(['README', 'notes.txt', 'sub/doc.pdf']);
  });

  it('an allowed output folder inside the input folder is not read as input; not allowed it is an error', async () => {
    const out = path.join(dir, 'out');
    await expect(discoverImageFolder({ inputDir: dir, outputDir: out, recursive: true })).rejects.toThrow(/got a folder inside the input folder \(out\), expected a separate folder/);
    const found = await discoverImageFolder({ inputDir: dir, outputDir: out, recursive: true, allowOutputInsideInput: true });
    expect(found.images).not.toContain('out/old.png');
    await expect(discoverImageFolder({ inputDir: dir, outputDir: path.join(dir, '.', 'sub', '..') })).rejects.toThrow(/got the input folder itself/);
  });

  it('a missing input folder is a clear error', async () => {
    await expect(discoverInputs(path.join(dir, 'nope'))).rejects.toThrow(/cannot list it \(ENOENT\), expected a readable folder/);
  });
});
