// The model list says per model what it can do, with the reason when it cannot (real demo pack folders): the
// 9-channel demo-sd-inpaint UNet cannot start from text or redraw a whole image, only inpaint.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ListModelsResultSchema } from '../../../native-models/api/index.ts';
import { DEMO_WORDS } from '../../../native-models/demo/sd/demo-sd-spec.ts';
import { TesseraService } from '../../../native-models/service.ts';

let root: string;
let service: TesseraService;
beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-capabilities-'));
  service = await TesseraService.start({ host: 'in-process', modelsRoot: path.join(root, 'models'), dataDir: path.join(root, 'data') });
});
afterAll(async () => {
  await service.dispose();
  await fs.rm(root, { recursive: true, force: true });
});

describe('model capabilities in listModels', () => {
  it('lists txt2img/img2img/inpaint/segment per model, with reasons, and passes the contract schema', async () => {
    const list = ListModelsResultSchema.parse(await service.listModels());
    const of = (id: string) => Object.fromEntries(list.models.find((m) => m.id === id)!.capabilities.map((c) => [c.task, c.available ? true : c.reason]));
    expect(of('demo-pack/demo-sd')).toMatchObject({ txt2img: true, img2img: true, inpaint: true, segment: expect.stringContaining('expected a segmentation (SAM) model') });
    expect(of('demo-pack/demo-sd-inpaint')).toEqual({
      txt2img: expect.stringMatching(/^an inpainting-only model \(9-channel UNet\)/),
      img2img: expect.stringMatching(/^an inpainting-only model/),
      inpaint: true,
      segment: expect.any(String),
      'fast-decode': expect.stringMatching(/^fast decode needs a tiny decoder: the folder has no preview_decoder\/model\.onnx/),
    });
    // demo-sd ships its own tiny decoder (preview_decoder/)
    expect(of('demo-pack/demo-sd')['fast-decode']).toBe(true);
    expect(of('demo-pack/demo-sam')).toMatchObject({ txt2img: expect.stringContaining('segmentation (SAM) model'), segment: true });
    // Kinds with tasks of their own (cutout, upscale) name themselves, not the diffusion reasons.
    expect(of('demo-pack/demo-rembg-u2net')).toEqual({
      txt2img: expect.stringMatching(/^a background-removal model .*expected a diffusion model/),
      img2img: expect.stringMatching(/^a background-removal model/),
      inpaint: expect.stringMatching(/^a background-removal model/),
      segment: expect.stringMatching(/^a background-removal model .*expected a segmentation \(SAM\) model/),
      'fast-decode': expect.stringMatching(/^a background-removal model/),
    });
    expect(of('demo-pack/demo-upscaler-x4')).toMatchObject({ txt2img: expect.stringMatching(/^an upscaler model, expected a diffusion model/) });
  });

  it('carries the words a demo diffusion model understands (its tessera_demo.json), for the Studio to show', async () => {
    const { models } = await service.listModels();
    const demoSd = models.find((m) => m.id === 'demo-pack/demo-sd')!;
    expect(demoSd.report.demoPrompt?.words).toEqual(DEMO_WORDS.map((w) => w.word));
    expect(demoSd.report.demoPrompt?.hint).toMatch(/^A synthetic demo, not a trained model: it paints one colour \(red, /);
    // img2img strength has no visible effect on the demo (measured, issue 16): the Studio says so instead of looking broken
    expect(demoSd.report.demoPrompt?.hint).toMatch(/Image-to-image lands on the prompt's picture at any strength/);
    expect(models.find((m) => m.id === 'demo-pack/demo-sam')!.report.demoPrompt).toBeUndefined();
  });
});
