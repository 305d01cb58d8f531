// Fast decode with a tiny decoder installed as a model of its own (models/tiny-decoder-choice.ts): the demo pack's
// preview decoder in the real TAESD export's layout (vae_decoder/model.onnx, input latent_sample, output [-1, 1])
// placed in the models folder serves a diffusion folder that has no preview_decoder/ of its own — the same picture
// as that decoder in the folder (TAESD's [0, 1] form); one of another latent family is refused with the reason.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelFolderReportSchema } from '../../../native-models/api/model-schemas.ts';
import { writeDemoTinyDecoderFolder } from '../../../native-models/demo/sd/demo-tiny-decoder-folder.ts';
import { buildPreviewDecoderGraph } from '../../../native-models/demo/sd/preview-decoder-graph.ts';
import { inspectModelFolder } from '../../../native-models/models/index.ts';
import { importModelFolder } from '../../../native-models/models/manager/folder-import.ts';
import { DiffusionModel } from '../../../native-models/pipelines/diffusion/diffusion-model.ts';
import { generateImages } from '../../../native-models/pipelines/diffusion/generate-images.ts';
import { SessionCache } from '../../../native-models/runtime/index.ts';
import { copyDemoFolder } from '../demo-pack.ts';
import { meanAbsDiff } from './diffusion-test-kit.ts';

const SIZE = 64;
const request = { steps: 2, seed: 5, width: SIZE, height: SIZE, scheduler: 'euler', prompt: 'a red square', guidance: 1 };
const sessions = new SessionCache({ provider: 'cpu' });

let scratch: string;
/** A models folder: demo-sd-legacy (no preview_decoder/) and the demo tiny decoder for SD latents. */
let sdRoot: string;
/** The same, its only tiny decoder recorded as serving SDXL latents. */
let xlRoot: string;

async function placeModel(root: string, name: string): Promise<string> {
  const made = await copyDemoFolder('demo-sd-legacy', scratch);
  const dir = path.join(root, name);
  await fs.rename(made, dir);
  return dir;
}

beforeAll(async () => {
  scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-tiny-decoder-'));
  sdRoot = path.join(scratch, 'models');
  xlRoot = path.join(scratch, 'models-xl');
  await fs.mkdir(sdRoot);
  await fs.mkdir(xlRoot);
  await writeDemoTinyDecoderFolder(path.join(sdRoot, 'taesd'), 'sd');
  await writeDemoTinyDecoderFolder(path.join(xlRoot, 'taesdxl'), 'sdxl');
});
afterAll(async () => {
  await sessions.releaseAll();
  await fs.rm(scratch, { recursive: true, force: true });
});

describe('an installed tiny decoder', () => {
  it('is reported by models check as a tiny-decoder model with its latent family and output range', async () => {
    const report = await inspectModelFolder(path.join(sdRoot, 'taesd'));
    expect(report).toMatchObject({ kind: 'tiny-decoder', usable: true, tinyDecoder: { decoderFile: 'vae_decoder/model.onnx', inputName: 'latent_sample', outputRange: 'signed', latentFamily: 'sd' } });
    expect(report.variant).toBe('tiny decoder (TAESD-class), for SD 1.x/2.x latents, output [-1, 1]');
  });

  it('without a recorded latent family is not usable, and says how to give it; an import with --latent-family records it', async () => {
    const bare = path.join(scratch, 'downloaded-taesd');
    await writeDemoTinyDecoderFolder(bare);
    const report = await inspectModelFolder(bare);
    expect(report.kind).toBe('tiny-decoder');
    expect(report.usable).toBe(false);
    expect(report.problems[0]!.message).toMatch(/latent family this tiny decoder serves is not recorded .*--latent-family sd\|sdxl/);
    // Hosts read this to ask for the family (the Studio's Import tab) instead of refusing the folder; the API's schema carries it.
    expect(report.problems).toEqual([expect.objectContaining({ solvedByImportOption: 'latentFamily' })]);
    expect(ModelFolderReportSchema.parse(report).problems[0]!.solvedByImportOption).toBe('latentFamily');
    const importRoot = path.join(scratch, 'import-root');
    await expect(importModelFolder({ root: importRoot, headroomBytes: 0 }, bare, { mode: 'copy' })).rejects.toMatchObject({ code: 'MODEL_INVALID' });
    await expect(importModelFolder({ root: importRoot, headroomBytes: 0 }, bare, { mode: 'link', latentFamily: 'sd' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    const installed = await importModelFolder({ root: importRoot, headroomBytes: 0 }, bare, { mode: 'copy', latentFamily: 'sdxl' });
    expect((await inspectModelFolder(installed)).tinyDecoder?.latentFamily).toBe('sdxl');
    expect((await inspectModelFolder(bare)).usable).toBe(false); // the user's own folder is not written to
  });

  it('serves fast decode of a model without preview_decoder/: the same picture as that decoder inside the folder', async () => {
    const plain = await DiffusionModel.open(await placeModel(sdRoot, 'plain'), sessions);
    expect(plain.tinyDecoder).toMatchObject({ source: 'installed', id: 'taesd' });
    // the folder-part path: the demo decoder in TAESD's own [0, 1] form at preview_decoder/, in a models folder
    // that also holds taesd — the folder's own part wins
    const ownDir = await placeModel(sdRoot, 'own');
    await fs.mkdir(path.join(ownDir, 'preview_decoder'));
    await fs.writeFile(path.join(ownDir, 'preview_decoder', 'model.onnx'), buildPreviewDecoderGraph().serialize().model);
    const own = await DiffusionModel.open(ownDir, sessions);
    expect(own.tinyDecoder).toMatchObject({ source: 'folder' });

    const [installedFast] = await generateImages(plain, { ...request, fastDecode: true });
    const [ownFast] = await generateImages(own, { ...request, fastDecode: true });
    const [full] = await generateImages(plain, request);
    // [-1, 1] read as [-1, 1]: rounding apart from the [0, 1] form (read as [0, 1] it would lose all below mid-grey)
    expect(meanAbsDiff(installedFast!.image.data, ownFast!.image.data)).toBeLessThanOrEqual(0.5);
    expect(meanAbsDiff(installedFast!.image.data, full!.image.data)).toBeLessThanOrEqual(2);
    expect(new Set(installedFast!.image.data).size).toBeGreaterThan(1);
    const pixelsBelowMidGrey = installedFast!.image.data.filter((v) => v < 100).length;
    expect(pixelsBelowMidGrey).toBeGreaterThan(0); // a wrong [0, 1] reading clamps these to 127 or more
  });

  it('of another latent family is refused, before any model runs, with the reason and both ways to get one', async () => {
    const model = await DiffusionModel.open(await placeModel(xlRoot, 'plain'), sessions);
    expect(model.tinyDecoder.source).toBe('none');
    await expect(generateImages(model, { ...request, fastDecode: true })).rejects.toMatchObject({
      code: 'UNSUPPORTED',
      message: expect.stringMatching(
        /no tiny decoder for SD 1\.x\/2\.x latents is installed; installed: taesdxl serves SDXL latents — a tiny decoder of another latent family paints garbage, so it is not used; install taesd \(SD 1\.x\/2\.x\) or taesdxl \(SDXL\) from the catalogue, or put a tiny decoder at preview_decoder\/model\.onnx/,
      ),
    });
  });

  it('installed while the model is open (a host keeps it open) counts from the next generation on', async () => {
    const root = path.join(scratch, 'models-later');
    await fs.mkdir(root);
    const model = await DiffusionModel.open(await placeModel(root, 'plain'), sessions);
    await expect(generateImages(model, { ...request, fastDecode: true })).rejects.toMatchObject({ code: 'UNSUPPORTED' });
    await writeDemoTinyDecoderFolder(path.join(root, 'taesd'), 'sd');
    const [made] = await generateImages(model, { ...request, fastDecode: true });
    expect(model.tinyDecoder).toMatchObject({ source: 'installed', id: 'taesd' });
    expect([made!.image.width, made!.image.height]).toEqual([SIZE, SIZE]);
  });
});

describe('telling a tiny decoder from a broken diffusion folder', () => {
  it('a diffusion folder that lost its UNet and text encoder stays a diffusion folder with problems', async () => {
    const broken = await copyDemoFolder('demo-sd-legacy', scratch);
    for (const part of ['unet', 'text_encoder', 'model_index.json']) await fs.rm(path.join(broken, part), { recursive: true, force: true });
    const report = await inspectModelFolder(broken);
    expect(report.kind).toBe('diffusion');
    expect(report.usable).toBe(false);
  });
});
