// The shipped model catalogue: every entry valid, ids unique, https only, each folder complete for its kind;
// and the schema refusing what would be unsafe or inconsistent.
import { describe, expect, it } from 'vitest';
import { CatalogueEntrySchema, CatalogueSchema, catalogueHashStatus, estimatedEntryBytes, findCatalogueEntry, loadCatalogue, parseCatalogue, type Catalogue } from '../../../native-models/models/catalogue.ts';
import { familyFromName } from '../../../native-models/models/subject-contracts.ts';

const catalogue = await loadCatalogue();

const DIFFUSION_REQUIRED = [
  'model_index.json',
  'scheduler/scheduler_config.json',
  'tokenizer/vocab.json',
  'tokenizer/merges.txt',
  'text_encoder/model.onnx',
  'unet/model.onnx',
  'vae_decoder/model.onnx',
];

function requiredPaths(id: string): string[] {
  return findCatalogueEntry(catalogue, id)
    .files.filter((f) => !f.optional)
    .map((f) => f.path);
}

describe('the shipped catalogue', () => {
  it('passes the schema with unique ids', () => {
    expect(CatalogueSchema.safeParse(catalogue).success).toBe(true);
    const ids = catalogue.models.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([
      'sd-turbo',
      'sd15',
      'lcm-dreamshaper-v7',
      'sd15-inpainting',
      'sam-vit-b',
      'mobile-sam',
      'sdxl-turbo',
      'sdxl-base',
      'sam21-hiera-tiny',
      'sam21-hiera-small',
      'u2net',
      'isnet-general-use',
      'birefnet-general-lite',
      'birefnet-general',
      'bria-rmbg-14',
      'real-esrgan-x4plus',
      'taesd',
      'taesdxl',
    ]);
  });

  it('says what each model does, and every kind of model the engine runs is offered', () => {
    const tasks = new Map(catalogue.models.map((m) => [m.id, m.task]));
    expect(Object.fromEntries(tasks)).toMatchObject({ 'sd-turbo': 'turbo', sd15: 'text-to-image', 'sd15-inpainting': 'inpainting', 'mobile-sam': 'segmentation', u2net: 'background-removal', 'real-esrgan-x4plus': 'upscaler', taesd: 'fast-decode', taesdxl: 'fast-decode' });
    expect(new Set(catalogue.models.map((m) => m.kind))).toEqual(new Set(['diffusion', 'tiny-decoder', 'sam', 'background-removal', 'upscaler']));
  });

  it('records the latent family of each tiny decoder, which its graph does not say, and only for tiny decoders', () => {
    const families = Object.fromEntries(catalogue.models.filter((m) => m.latentFamily !== undefined).map((m) => [m.id, m.latentFamily]));
    expect(families).toEqual({ taesd: 'sd', taesdxl: 'sdxl' });
    const taesd = catalogue.models.find((m) => m.id === 'taesd')!;
    expect(taesd).toMatchObject({ kind: 'tiny-decoder', licenceId: 'MIT', sizeVerified: false });
    expect(taesd.files).toEqual([expect.objectContaining({ path: 'vae_decoder/model.onnx', url: 'https://huggingface.co/deinferno/taesd-onnx/resolve/main/vae_decoder/model.onnx', size: null, sha256: null })]);
    const withoutFamily = { ...taesd, latentFamily: undefined };
    expect(CatalogueEntrySchema.safeParse(withoutFamily).success).toBe(false);
  });

  it('names each licence with an id and a https URL, and flags the non-commercial ones', () => {
    for (const model of catalogue.models) expect(new URL(model.licenceUrl).protocol, model.id).toBe('https:');
    const nonCommercial = catalogue.models.filter((m) => m.nonCommercial).map((m) => m.id);
    expect(nonCommercial).toEqual(['sd-turbo', 'sdxl-turbo', 'bria-rmbg-14']);
    expect(findCatalogueEntry(catalogue, 'bria-rmbg-14').description).toMatch(/NOT for commercial use/);
  });

  it('saves BRIA RMBG-1.4 under a name that tells its family (the graph cannot tell it from IS-Net)', () => {
    expect(familyFromName(findCatalogueEntry(catalogue, 'bria-rmbg-14').files[0]!.path)).toBe('bria-rmbg-1.4');
    expect(familyFromName(findCatalogueEntry(catalogue, 'birefnet-general-lite').files[0]!.path)).toBe('birefnet-general-lite');
  });

  it('downloads over https only', () => {
    for (const model of catalogue.models) {
      expect(model.homepage.startsWith('https://'), model.id).toBe(true);
      for (const file of model.files) expect(new URL(file.url).protocol, `${model.id}/${file.path}`).toBe('https:');
    }
  });

  it('lists every file a diffusion folder needs, external weight files included', () => {
    for (const model of catalogue.models.filter((m) => m.kind === 'diffusion')) {
      expect(requiredPaths(model.id), model.id).toEqual(expect.arrayContaining(DIFFUSION_REQUIRED));
    }
    // The fp32 UNets are over the 2 GB protobuf limit: weights.pb (legacy diffusers) / model.onnx_data (Optimum).
    expect(requiredPaths('sd15')).toContain('unet/weights.pb');
    expect(requiredPaths('sd15-inpainting')).toContain('unet/weights.pb');
    expect(requiredPaths('lcm-dreamshaper-v7')).toContain('unet/model.onnx_data');
  });

  it('gives each SAM model exactly one encoder and one decoder', () => {
    for (const model of catalogue.models.filter((m) => m.kind === 'sam')) {
      const onnx = model.files.map((f) => f.path).filter((p) => p.endsWith('.onnx'));
      expect(onnx, model.id).toHaveLength(2);
      expect(onnx.filter((p) => /encoder/.test(p)), model.id).toHaveLength(1);
      expect(onnx.filter((p) => /decoder/.test(p)), model.id).toHaveLength(1);
    }
  });

  it('carries the exact MobileSAM sizes from the HF file browser and says where hashes are trust-on-first-use', () => {
    // model-contracts.md §4.3: 28,157,093 B encoder, 16,501,323 B single-mask decoder.
    const mobile = findCatalogueEntry(catalogue, 'mobile-sam');
    expect(mobile.files.map((f) => f.size)).toEqual([28_157_093, 16_501_323]);
    expect(mobile.sizeVerified).toBe(true);
    // An entry without a published hash says that its sha256 is measured on first download.
    for (const model of catalogue.models.filter((m) => catalogueHashStatus(m) !== 'pinned')) expect(model.note, model.id).toMatch(/trust on first use|on first download/);
    const pinned = catalogue.models.flatMap((m) => m.files.filter((f) => f.sha256 !== null).map((f) => `${m.id}/${f.path}`));
    expect(pinned).toEqual(['u2net/u2net.onnx', 'isnet-general-use/isnet-general-use.onnx', 'birefnet-general/BiRefNet-general-epoch_244.onnx', 'bria-rmbg-14/bria-rmbg-1.4.onnx', 'real-esrgan-x4plus/Real-ESRGAN-x4plus.onnx']);
    // A Hugging Face file pinned by hash is pinned by commit too (a branch URL may serve a re-upload).
    for (const f of catalogue.models.flatMap((m) => m.files).filter((f) => f.sha256 !== null && f.url.includes('huggingface.co'))) expect(f.url).toMatch(/\/resolve\/[0-9a-f]{40}\//);
    expect(catalogue.notes.join(' ')).toMatch(/tessera-install\.json/);
  });

  it('estimates sizes in the documented range (model-contracts.md §1.5, §5)', () => {
    // SD 1.5 without the safety checker: 493 MB + 1.09 MB + 3.44 GB + 198 MB + 137 MB + small files ≈ 4.27 GB.
    expect(estimatedEntryBytes(findCatalogueEntry(catalogue, 'sd15')) / 1e9).toBeCloseTo(4.27, 2);
    expect(estimatedEntryBytes(findCatalogueEntry(catalogue, 'mobile-sam'))).toBe(28_157_093 + 16_501_323);
  });
});

describe('what the catalogue states about integrity', () => {
  it('pins the rembg files by the md5 rembg publishes, and RMBG-1.4 by its commit, with exact sizes', () => {
    // md5 values from rembg/sessions/{u2net,dis_general_use,birefnet_general,birefnet_general_lite}.py @684f8e9.
    const md5 = (id: string) => findCatalogueEntry(catalogue, id).files[0]!.md5;
    expect(md5('u2net')).toBe('60024c5c889badc19c04ad937298a77b');
    expect(md5('birefnet-general-lite')).toBe('4fab47adc4ff364be1713e97b7e66334');
    const bria = findCatalogueEntry(catalogue, 'bria-rmbg-14');
    expect(bria.files[0]!.url).toContain('/resolve/2ceba5a5efaec153162aedea169f76caf9b46cf8/');
    for (const id of ['u2net', 'isnet-general-use', 'birefnet-general', 'birefnet-general-lite', 'bria-rmbg-14']) {
      expect(findCatalogueEntry(catalogue, id).sizeVerified, id).toBe(true);
      expect(catalogueHashStatus(findCatalogueEntry(catalogue, id)), id).toBe('pinned');
    }
  });

  it('says "not published" only where no required file carries a hash', () => {
    const entry = findCatalogueEntry(catalogue, 'sam21-hiera-tiny');
    expect(catalogueHashStatus(entry)).toBe('not-published');
    expect(catalogueHashStatus({ ...entry, files: [{ ...entry.files[0]!, md5: 'a'.repeat(32) }, entry.files[1]!] })).toBe('partly-pinned');
    // An optional file without a hash does not make a pinned entry "partly" pinned.
    const u2net = findCatalogueEntry(catalogue, 'u2net');
    expect(catalogueHashStatus({ ...u2net, files: [...u2net.files, { ...u2net.files[0]!, path: 'extra.json', sha256: null, md5: undefined, optional: true }] })).toBe('pinned');
  });
});

describe('the catalogue schema refuses', () => {
  const base = (): Catalogue => structuredClone(catalogue);

  it.each([
    ['plain http to a remote host', (c: Catalogue) => void (c.models[0]!.files[0]!.url = 'http://huggingface.co/x'), /https/],
    ['a path escaping the model folder', (c: Catalogue) => void (c.models[0]!.files[0]!.path = '../evil.onnx'), /"\.\."/],
    ['a path the installer writes itself', (c: Catalogue) => void (c.models[0]!.files[0]!.path = 'tessera-install.json'), /written by the installer/],
    ['an absolute path', (c: Catalogue) => void (c.models[0]!.files[0]!.path = '/etc/passwd'), /relative/],
    ['a duplicate id', (c: Catalogue) => void (c.models[1]!.id = c.models[0]!.id), /appears twice/],
    ['a duplicate file path', (c: Catalogue) => void c.models[0]!.files.push(c.models[0]!.files[0]!), /appears twice/],
    ['a malformed sha256', (c: Catalogue) => void (c.models[0]!.files[0]!.sha256 = 'ABC'), /hex/],
    ['sizeVerified with an unknown size', (c: Catalogue) => void (c.models[0]!.sizeVerified = true), /sizeVerified/],
  ])('%s', (_label, mutate, message) => {
    const broken = base();
    mutate(broken);
    expect(() => parseCatalogue(broken)).toThrow(message);
  });

  it('but accepts http on loopback (local mirrors, tests)', () => {
    const local = base();
    local.models[0]!.files[0]!.url = 'http://127.0.0.1:8080/model_index.json';
    expect(() => parseCatalogue(local)).not.toThrow();
  });
});
