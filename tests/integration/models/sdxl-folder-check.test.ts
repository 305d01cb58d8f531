// `models check` on SDXL folders: demo-sdxl and demo-sdxl-turbo are recognised with their role and the encoders'
// penultimate outputs; broken copies name what is missing (text_encoder_2, tokenizer_2, hidden-state outputs,
// the UNet's time_ids) and a refiner-style folder needs no CLIP-L encoder.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectModelFolder } from '../../../native-models/models/index.ts';
import { OnnxGraphBuilder, attr } from '../../../native-models/demo/onnx-graph-builder.ts';
import { copyDemoFolder, demoModel } from '../demo-pack.ts';
import { makeTempDir } from '../../fixtures/tiny-models.ts';

let scratch: string;
beforeAll(async () => {
  scratch = await makeTempDir('tessera-sdxl-folders-');
});
afterAll(async () => {
  await fs.rm(scratch, { recursive: true, force: true });
});
const copyOf = (folder: string): Promise<string> => copyDemoFolder(folder, scratch);

describe('SDXL folders', () => {
  it.each([
    ['demo-sdxl', 'base', 'SDXL base'],
    ['demo-sdxl-turbo', 'turbo', 'SDXL Turbo'],
  ] as const)('%s is a usable %s folder conditioned on both penultimate states', async (folder, role, label) => {
    const report = await inspectModelFolder(demoModel(folder));
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ kind: 'diffusion', usable: true, precision: 'fp32' });
    expect(report.variant.startsWith(label)).toBe(true);
    expect(report.diffusion).toMatchObject({ family: 'sdxl', hiddenSize: 2048, extraUnetInputs: ['text_embeds', 'time_ids'] });
    expect(report.diffusion?.sdxl).toEqual({
      role,
      encoders: [
        { part: 'text_encoder', tokenizer: 'tokenizer', hiddenState: 'hidden_states.11', width: 768 },
        { part: 'text_encoder_2', tokenizer: 'tokenizer_2', hiddenState: 'hidden_states.31', width: 1280 },
      ],
      forceZerosForEmptyPrompt: true,
      timeIdsLength: 6,
    });
  });

  it('names a missing text_encoder_2 and tokenizer_2', async () => {
    const dir = await copyOf('demo-sdxl');
    await fs.rm(path.join(dir, 'text_encoder_2'), { recursive: true });
    await fs.rm(path.join(dir, 'tokenizer_2', 'merges.txt'));
    const report = await inspectModelFolder(dir);
    expect(report.usable).toBe(false);
    const messages = report.problems.map((p) => `${p.code} ${p.message}`);
    expect(messages).toContainEqual(expect.stringMatching(/^MODEL_FILE_MISSING .*text_encoder_2\/model\.onnx: missing \(SDXL's second text encoder/));
    expect(messages).toContainEqual(expect.stringMatching(/^TOKENIZER_INVALID .*tokenizer_2\/merges\.txt: missing/));
  });

  it('an encoder exported without hidden_states.N outputs is refused: SDXL needs the penultimate layer, not last_hidden_state', async () => {
    const dir = await copyOf('demo-sdxl');
    const g = new OnnxGraphBuilder('no_hidden_states');
    const ids = g.input('input_ids', 'int64', ['batch_size', 'sequence_length']);
    const states = g.op('Cast', [g.op('Unsqueeze', [ids, g.i64([2])])], { to: attr.dtype('float32') });
    g.output(g.op('Tile', [states, g.i64([1, 1, 1280])]), 'last_hidden_state', 'float32', ['batch_size', 'sequence_length', 1280]);
    g.output(g.op('ReduceSum', [states, g.i64([1, 2])]), 'text_embeds', 'float32', ['batch_size', 1280]);
    await fs.writeFile(path.join(dir, 'text_encoder_2', 'model.onnx'), g.serialize({ docString: 'test' }).model);
    const report = await inspectModelFolder(dir);
    expect(report.problems.map((p) => p.message)).toContainEqual(expect.stringMatching(/text_encoder_2\/model\.onnx: has no "hidden_states\.N" outputs .*output_hidden_states/));
  });

  it('a refiner-style folder (requires_aesthetics_score, no CLIP-L encoder) is an SDXL refiner conditioned on bigG alone', async () => {
    const dir = await copyOf('demo-sdxl');
    const index = JSON.parse(await fs.readFile(path.join(dir, 'model_index.json'), 'utf8'));
    await fs.writeFile(path.join(dir, 'model_index.json'), JSON.stringify({ ...index, requires_aesthetics_score: true, force_zeros_for_empty_prompt: false, text_encoder: [null, null], tokenizer: [null, null] }));
    await fs.rm(path.join(dir, 'text_encoder'), { recursive: true });
    await fs.rm(path.join(dir, 'tokenizer'), { recursive: true });
    const report = await inspectModelFolder(dir);
    expect(report.variant.startsWith('SDXL refiner')).toBe(true);
    expect(report.diffusion?.sdxl).toMatchObject({ role: 'refiner', timeIdsLength: 5, encoders: [{ part: 'text_encoder_2' }] });
    // the demo UNet is a base UNet (2048 wide, 6 time ids): the check says it does not fit bigG alone
    expect(report.problems.map((p) => p.message)).toContainEqual(expect.stringMatching(/"encoder_hidden_states" is 2048 wide, but .*text_encoder_2 1280 = 1280/));
  });
});
