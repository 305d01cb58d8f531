// `models check --load` on folders whose parts each pass their own contract but do not fit together: a SAM
// encoder declaring a 512-pixel input (the SAM transform gives 1024) and a text encoder 512 wide feeding a UNet
// whose cross-attention expects 768. Both must be "not usable", with the specific problem line.
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OnnxGraphBuilder, attr } from '../../../native-models/demo/onnx-graph-builder.ts';
import { readOnnxHeader } from '../../../native-models/models/onnx-header-reader.ts';
import { makeTempDir } from '../../fixtures/tiny-models.ts';
import { demoModel } from '../demo-pack.ts';

const run = promisify(execFile);
const CLI = path.resolve('cli/bin/tessera.js');
let root: string;

async function check(dir: string): Promise<{ code: number; stdout: string }> {
  try {
    return { code: 0, stdout: (await run('node', [CLI, 'models', 'check', dir, '--load'])).stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string };
    return { code: e.code, stdout: e.stdout };
  }
}

beforeAll(async () => {
  root = await makeTempDir('tessera-part-shapes-');
});
afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

describe('shapes across the parts of a folder', () => {
  it('a SAM encoder taking 512×512 is not usable', async () => {
    const dir = path.join(root, 'sam-512');
    await fs.cp(demoModel('demo-sam'), dir, { recursive: true });
    // A valid graph: [1,3,512,512] → 8×8 average pool → [1,3,64,64] → zero channels up to 256.
    const g = new OnnxGraphBuilder('sam_encoder_512');
    const input = g.input('input_image', 'float32', [1, 3, 512, 512]);
    const pooled = g.op('AveragePool', [input], { kernel_shape: attr.ints([8, 8]), strides: attr.ints([8, 8]) });
    g.output(g.op('Pad', [pooled, g.i64([0, 0, 0, 0, 0, 253, 0, 0])]), 'image_embeddings', 'float32', [1, 256, 64, 64]);
    await fs.writeFile(path.join(dir, 'sam_demo.encoder.onnx'), g.serialize().model);
    const result = await check(dir);
    expect(result.code).not.toBe(0);
    expect(result.stdout).toContain(`${path.join(dir, 'sam_demo.encoder.onnx')}: "input_image" is [1, 3, 512, 512], expected [1, 3, 1024, 1024] (the SAM transform resizes the long side to 1024)`);
  });

  it('a text encoder 512 wide before a UNet expecting the demo width is not usable', async () => {
    const dir = path.join(root, 'sd-512');
    await fs.cp(demoModel('demo-sd'), dir, { recursive: true });
    const file = path.join(dir, 'text_encoder', 'model.onnx');
    const original = await readOnnxHeader(file);
    const ids = original.inputs.find((i) => i.name === 'input_ids')!;
    const unetWidth = (await readOnnxHeader(path.join(dir, 'unet', 'model.onnx'))).inputs.find((i) => i.name === 'encoder_hidden_states')!.shape[2];
    expect(unetWidth).not.toBe(512);
    const g = new OnnxGraphBuilder('text_encoder_512');
    g.input('input_ids', ids.type as 'int32' | 'int64', [1, 77]);
    g.output(g.op('Identity', [g.constant('float32', new Float32Array(77 * 512), [1, 77, 512])]), 'last_hidden_state', 'float32', [1, 77, 512]);
    await fs.rm(file);
    await fs.writeFile(file, g.serialize().model);
    const result = await check(dir);
    expect(result.code).not.toBe(0);
    expect(result.stdout).toContain(
      `${path.join(dir, 'unet', 'model.onnx')}: "encoder_hidden_states" is ${unetWidth} wide, but ${file} gives "last_hidden_state" 512 wide (expected the same width)`,
    );
  });
});
