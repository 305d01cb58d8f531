// The Hugging Face cache scan over a real cache tree (blobs + relative symlinks): which roots it reads, which
// model folders it finds (snapshot top or a sub-folder), and that a link-mode import of one uses it in place.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hfCacheRoots, scanHfCache } from '../../../../native-models/models/manager/hf-cache-scan.ts';
import { ModelManager } from '../../../../native-models/models/manager/index.ts';
import { demoModel } from '../../demo-pack.ts';
import { makeTempDir } from '../../../fixtures/tiny-models.ts';
import { writeHfRepo } from '../../../fixtures/hf-cache-tree.ts';

let scratch: string;
let cache: string;

beforeAll(async () => {
  scratch = await makeTempDir('tessera-hf-scan-');
  cache = path.join(scratch, 'hub');
  await writeHfRepo(cache, { repo: 'org/tiny-sd', source: demoModel('demo-sd'), revision: '1'.repeat(40) });
  await writeHfRepo(cache, { repo: 'org/tiny-rembg', source: demoModel('demo-rembg-u2net'), subfolder: 'onnx', revision: '2'.repeat(40), branch: 'refs/pr/1' });
  // Not a model: a config-only repo, and a dataset that happens to hold a model folder.
  await fs.mkdir(path.join(cache, 'models--org--configs', 'snapshots', '3'.repeat(40)), { recursive: true });
  await fs.writeFile(path.join(cache, 'models--org--configs', 'snapshots', '3'.repeat(40), 'config.json'), '{}');
  await writeHfRepo(cache, { repo: 'org/data', source: demoModel('demo-sam'), revision: '4'.repeat(40) }).then((dir) =>
    fs.rename(path.join(cache, 'models--org--data'), path.join(cache, 'datasets--org--data')).then(() => dir),
  );
});
afterAll(async () => {
  await fs.rm(scratch, { recursive: true, force: true });
});

describe('hfCacheRoots', () => {
  it('follows huggingface_hub: HF_HUB_CACHE, then HF_HOME/hub, then XDG_CACHE_HOME, then ~/.cache, without duplicates', () => {
    const roots = hfCacheRoots({ HF_HUB_CACHE: '/a/hub', HF_HOME: '/b', XDG_CACHE_HOME: '/home/u/.cache' }, '/home/u');
    expect(roots).toEqual([
      { path: '/a/hub', source: 'HF_HUB_CACHE' },
      { path: '/b/hub', source: 'HF_HOME' },
      { path: '/home/u/.cache/huggingface/hub', source: 'XDG_CACHE_HOME' },
    ]);
    expect(hfCacheRoots({}, '/home/u')).toEqual([{ path: '/home/u/.cache/huggingface/hub', source: 'home' }]);
  });
});

describe('scanHfCache', () => {
  it('lists the model folders of model repos with their revision, refs and check report, and reports missing roots', async () => {
    const { roots, models } = await scanHfCache([
      { path: cache, source: 'HF_HUB_CACHE' },
      { path: path.join(scratch, 'absent'), source: 'home' },
    ]);
    expect(roots.map((r) => r.exists)).toEqual([true, false]);
    expect(models.map((m) => [m.repo, m.subfolder, m.report.kind, m.report.usable, m.refs])).toEqual([
      ['org/tiny-rembg', 'onnx', 'background-removal', true, ['refs/pr/1']],
      ['org/tiny-sd', '', 'diffusion', true, ['main']],
    ]);
    expect(models[1]!.path).toBe(path.join(cache, 'models--org--tiny-sd', 'snapshots', '1'.repeat(40)));
  });

  it('a link-mode import of a found folder reads the blobs in place: nothing is copied', async () => {
    const { models } = await scanHfCache([{ path: cache, source: 'HF_HUB_CACHE' }]);
    const sd = models.find((m) => m.repo === 'org/tiny-sd')!;
    const manager = new ModelManager({ root: path.join(scratch, 'models'), diskHeadroomBytes: 0 });
    const installed = await manager.importFolder(sd.path, { mode: 'link', name: 'tiny-sd' });
    expect(installed).toMatchObject({ linked: true, linkTarget: sd.path, report: { kind: 'diffusion', usable: true } });
    const files = await fs.readdir(installed.path, { recursive: true, withFileTypes: true });
    // Inside the link the files are still the cache's symlinks to its blobs.
    expect(files.filter((f) => f.isFile())).toEqual([]);
    expect(files.filter((f) => f.isSymbolicLink()).length).toBeGreaterThan(3);
    await manager.delete('tiny-sd');
    expect((await fs.readdir(path.join(cache, 'models--org--tiny-sd', 'blobs'))).length).toBeGreaterThan(3);
  });
});
