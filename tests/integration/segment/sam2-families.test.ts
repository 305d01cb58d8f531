// Each SAM 2.1 export family (samexporter, onnxruntime, onnx-community/transformers.js) is detected from its
// graphs and segments through the same SamSegmenter. The pairs are the demo pyramid graphs under each
// exporter's names (demo/sam/sam2-graphs.ts), written to a temp folder: a few KB each.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORT_SAM2, SAMEXPORTER_SAM2, TRANSFORMERS_SAM2, writeDemoSam2Pair, type DemoSam2Export } from '../../../native-models/demo/sam/sam2-graphs.ts';
import { inspectModelFolder } from '../../../native-models/models/index.ts';
import { SamSegmenter } from '../../../native-models/pipelines/segment/sam-segmenter.ts';
import { SessionCache } from '../../../native-models/runtime/index.ts';
import { makeTempDir } from '../../fixtures/tiny-models.ts';
import { drawImage, iou, shapeMask, type Shape } from './draw.ts';

const sessions = new SessionCache({ provider: 'cpu', onWarning: () => {} });
let scratch: string;

const FAMILIES: [string, DemoSam2Export, { encoder: string; decoder: string }][] = [
  ['sam2-ort', ORT_SAM2, { encoder: 'sam2.1_hiera_tiny_encoder.onnx', decoder: 'sam2.1_hiera_tiny_decoder_multi.onnx' }],
  ['sam2-transformers', TRANSFORMERS_SAM2, { encoder: 'onnx/vision_encoder.onnx', decoder: 'onnx/prompt_encoder_mask_decoder.onnx' }],
];

beforeAll(async () => {
  scratch = await makeTempDir('tessera-sam2-families-');
  for (const [family, names, files] of FAMILIES) await writeDemoSam2Pair(path.join(scratch, family), names, files);
  // onnx-community's folder also has config.json / preprocessor_config.json and quantised variants
  const community = path.join(scratch, 'sam2-transformers');
  await fs.writeFile(path.join(community, 'config.json'), JSON.stringify({ model_type: 'sam2' }));
  await fs.writeFile(path.join(community, 'preprocessor_config.json'), JSON.stringify({ size: { height: 1024, width: 1024 } }));
  await fs.copyFile(path.join(community, 'onnx/vision_encoder.onnx'), path.join(community, 'onnx/vision_encoder_quantized.onnx'));
});
afterAll(async () => {
  await fs.rm(scratch, { recursive: true, force: true });
  await sessions.releaseAll();
});

const disc: Shape = { kind: 'disc', cx: 500, cy: 150, r: 100, colour: [230, 40, 40] };
const image = drawImage(640, 360, [40, 170, 70], [disc]);

describe.each(FAMILIES)('%s', (family, _names, files) => {
  it('models check names the family and finds the pair', async () => {
    const report = await inspectModelFolder(path.join(scratch, family));
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ kind: 'sam', usable: true, sam: { family, encoderFile: files.encoder, decoderFile: files.decoder } });
  });

  it('a click and a box give the disc at the original size; three candidates', async () => {
    const segmenter = await SamSegmenter.open(path.join(scratch, family), { sessions });
    expect(segmenter.family.name).toBe(family);
    await segmenter.setImage(image);
    const truth = shapeMask(640, 360, disc);
    const click = await segmenter.predict({ points: [{ x: 500, y: 150, label: 1 }], multimask: true });
    expect(click.masks).toHaveLength(3);
    expect(iou(click.best.mask, truth)).toBeGreaterThan(0.95);
    const box = await segmenter.predict({ box: { x0: 390, y0: 40, x1: 610, y1: 260 } });
    expect(iou(box.best.mask, truth)).toBeGreaterThan(0.95);
  });
});

describe('folder problems', () => {
  it('an onnx-community decoder without its _data file is reported, not opened', async () => {
    const dir = path.join(scratch, 'no-data');
    await writeDemoSam2Pair(dir, TRANSFORMERS_SAM2, { encoder: 'onnx/vision_encoder.onnx', decoder: 'onnx/prompt_encoder_mask_decoder.onnx' });
    await fs.rm(path.join(dir, 'onnx/prompt_encoder_mask_decoder.onnx_data'));
    const report = await inspectModelFolder(dir);
    expect(report.usable).toBe(false);
    expect(report.problems.map((p) => p.code)).toContain('EXTERNAL_DATA_MISSING');
  });

  it('an encoder of one exporter with a decoder of another is named as such', async () => {
    const dir = path.join(scratch, 'mixed');
    await writeDemoSam2Pair(dir, SAMEXPORTER_SAM2, { encoder: 'a.encoder.onnx', decoder: 'unused.onnx' });
    await fs.rm(path.join(dir, 'unused.onnx'));
    await writeDemoSam2Pair(dir, ORT_SAM2, { encoder: 'unused.onnx', decoder: 'b.decoder.onnx' });
    await fs.rm(path.join(dir, 'unused.onnx'));
    const report = await inspectModelFolder(dir);
    expect(report.usable).toBe(false);
    expect(report.problems.map((p) => p.message).join('\n')).toMatch(/encoder is a sam2-samexporter export but the decoder a sam2-ort one/);
  });
});
