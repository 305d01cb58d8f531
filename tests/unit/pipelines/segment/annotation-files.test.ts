// YOLO-seg label files mirror the images' folders, and two images whose labels would share a file (x.jpg, x.png:
// Ultralytics maps both to x.txt) are refused before anything is written.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeAnnotationFiles } from '../../../../native-models/pipelines/segment/annotation-files.ts';

const mask = { width: 4, height: 4, data: Uint8Array.from({ length: 16 }, (_, i) => (i % 4 < 2 ? 1 : 0)) };
const image = (fileName: string) => ({ fileName, width: 4, height: 4, objects: [{ name: 'a', mask }] });
let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-annotations-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('writeAnnotationFiles', () => {
  it('labels per image in its relative folder, classes.txt beside them', async () => {
    await writeAnnotationFiles([image('x.png'), image('sub/x.png')], { yoloDir: dir });
    expect((await fs.readdir(dir, { recursive: true })).sort()).toEqual(['classes.txt', 'sub', path.join('sub', 'x.txt'), 'x.txt']);
    expect(await fs.readFile(path.join(dir, 'x.txt'), 'utf8')).toMatch(/^0 (\d\.\d{6} ?)+\n$/);
  });

  it('x.jpg and x.png in one folder: a clear error, no files', async () => {
    await expect(writeAnnotationFiles([image('x.jpg'), image('x.png')], { yoloDir: path.join(dir, 'labels') })).rejects.toThrow(/x\.jpg and x\.png would share x\.txt/);
    await expect(fs.stat(path.join(dir, 'labels', 'x.txt'))).rejects.toThrow();
  });
});
