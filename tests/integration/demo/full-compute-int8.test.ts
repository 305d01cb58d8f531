// The full-compute generators' int8 linear layers (quantize_dynamic's QOperator form) run in onnxruntime-node and
// stay within the quantisation error of the float layer made from the same seeded weights.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NetBuilder } from '../../../native-models/demo/full-compute/net-builder.ts';
import { float32Tensor } from '../../../native-models/core/tensor.ts';
import { loadOnnxModel } from '../../../native-models/runtime/index.ts';
import onnxProto from 'onnx-proto';

const CIN = 64;
const COUT = 32;
const TOKENS = 10;
const dirs: string[] = [];

async function writeLinear(int8: boolean): Promise<string> {
  const net = new NetBuilder('linear', 11);
  net.int8Linear = int8;
  const x = net.g.input('x', 'float32', [1, TOKENS, CIN]);
  net.g.output(net.linear(x, CIN, COUT, TOKENS, { bias: false }), 'y', 'float32', [1, TOKENS, COUT]);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-int8-'));
  dirs.push(dir);
  await net.w.write(net.g, dir, 'model.onnx', 'model.onnx_data', 'test');
  return path.join(dir, 'model.onnx');
}

afterAll(async () => {
  for (const dir of dirs) await fs.rm(dir, { recursive: true, force: true });
});

describe('int8 linear layers', () => {
  it('DynamicQuantizeLinear → MatMulInteger → rescale: uint8 weights, within the derived error of the float layer', async () => {
    const [floatFile, int8File] = [await writeLinear(false), await writeLinear(true)];
    // one byte per weight (the float file has four)
    expect((await fs.stat(`${int8File}_data`)).size).toBe(CIN * COUT);
    expect((await fs.stat(`${floatFile}_data`)).size).toBe(CIN * COUT * 4);
    const x = Float32Array.from({ length: TOKENS * CIN }, (_, i) => Math.sin(i * 0.37) * 2 + 0.3);
    const run = async (file: string) => {
      const model = await loadOnnxModel(file, { provider: 'cpu' });
      try {
        return (await model.run({ x: float32Tensor(x, [1, TOKENS, CIN]) })).y!.data as Float32Array;
      } finally {
        await model.release();
      }
    };
    const [exact, quantised] = [await run(floatFile), await run(int8File)];
    // Error bound: weights w = (q − 128)·sw ± sw/2 with sw = 2·√3·std/255 (std = 1/√CIN, |w| ≤ √3·std); activations
    // x = (xq − zp)·sx ± sx/2 with sx = (max(x,0) − min(x,0))/255. So |Δy_j| ≤ Σ_i |x_i|·sw/2 + |w|max·sx/2 + sx·sw/4.
    const std = 1 / Math.sqrt(CIN);
    const sw = (2 * Math.sqrt(3) * std) / 255;
    const sx = (Math.max(...x, 0) - Math.min(...x, 0)) / 255;
    let worstRatio = 0;
    let differs = 0;
    for (let t = 0; t < TOKENS; t++) {
      const row = x.subarray(t * CIN, (t + 1) * CIN);
      const bound = row.reduce((s, v) => s + Math.abs(v) * (sw / 2) + Math.sqrt(3) * std * (sx / 2) + (sx * sw) / 4, 0) + 1e-4;
      for (let j = 0; j < COUT; j++) {
        const delta = Math.abs(exact[t * COUT + j]! - quantised[t * COUT + j]!);
        worstRatio = Math.max(worstRatio, delta / bound);
        if (delta > 1e-6) differs++;
      }
    }
    expect(worstRatio).toBeLessThanOrEqual(1);
    // the int8 path really ran: most outputs carry some quantisation error
    expect(differs).toBeGreaterThan((TOKENS * COUT) / 2);
  });

  it('stores the weights as uint8 with a zero point, as the SAM notebook quantises (QUInt8): no u8·s8 kernel, which saturates on CPUs without VNNI', async () => {
    const proto = onnxProto.onnx.ModelProto.decode(await fs.readFile(await writeLinear(true)));
    const matmul = proto.graph!.node!.find((n) => n.opType === 'MatMulInteger')!;
    const weight = proto.graph!.initializer!.find((t) => t.name === matmul.input![1]);
    expect(weight?.dataType).toBe(onnxProto.onnx.TensorProto.DataType.UINT8);
    // a: the activation's zero point (DynamicQuantizeLinear), b: the weight's, 128
    expect(matmul.input).toHaveLength(4);
    const zeroPoint = proto.graph!.node!.find((n) => n.output!.includes(matmul.input![3]!));
    expect(zeroPoint?.opType === 'Constant' || proto.graph!.initializer!.some((t) => t.name === matmul.input![3])).toBe(true);
  });
});
