// The SAM decoder's optimisation level is chosen from its graph's op types (read by the ONNX header reader):
// float MatMuls → basic, quantize_dynamic's ops → all.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OnnxGraphBuilder, attr } from '../../../../native-models/demo/onnx-graph-builder.ts';
import { readOnnxHeader } from '../../../../native-models/models/onnx-header-reader.ts';
import { decoderOptimizationLevel } from '../../../../native-models/pipelines/segment/decoder-optimization.ts';

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-decoder-level-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** A one-layer graph: x · W in float, or in quantize_dynamic's form (DynamicQuantizeLinear → MatMulInteger → rescale). */
async function writeLinear(name: string, quantised: boolean): Promise<string> {
  const g = new OnnxGraphBuilder(name);
  const x = g.input('x', 'float32', [1, 4]);
  let y: string;
  if (quantised) {
    const [xq, xScale, xZero] = g.nodeMulti('DynamicQuantizeLinear', [x], 3);
    const acc = g.op('MatMulInteger', [xq!, g.constant('uint8', [1, 2, 3, 4, 5, 6, 7, 8], [4, 2]), xZero!]);
    y = g.op('Mul', [g.op('Cast', [acc], { to: attr.dtype('float32') }), xScale!]);
  } else {
    y = g.op('MatMul', [x, g.constant('float32', [1, 2, 3, 4, 5, 6, 7, 8], [4, 2])]);
  }
  g.output(y, 'y', 'float32', [1, 2]);
  const file = path.join(dir, `${name}.onnx`);
  await fs.writeFile(file, g.serialize().model);
  return file;
}

describe('decoderOptimizationLevel', () => {
  it('basic for a float decoder', async () => {
    const header = await readOnnxHeader(await writeLinear('float', false));
    expect(header.opTypes).toEqual(['MatMul', 'Identity']); // the builder names outputs through Identity
    expect(decoderOptimizationLevel(header)).toBe('basic');
  });

  it('all for a dynamically quantised decoder (it needs the DynamicQuantizeMatMul fusion)', async () => {
    const header = await readOnnxHeader(await writeLinear('quantised', true));
    expect(header.opTypes).toEqual(['DynamicQuantizeLinear', 'MatMulInteger', 'Cast', 'Mul', 'Identity']);
    expect(decoderOptimizationLevel(header)).toBe('all');
  });
});
