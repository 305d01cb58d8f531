// Background-removal models in `models check`: the family told from the graph (input size, output count, a final
// Sigmoid), a tessera.json / file name only where the graph is ambiguous, and a wrong hint as a clear problem.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectModelFolder, readOnnxHeader } from '../../../native-models/index.ts';
import { makeTempDir } from '../../fixtures/tiny-models.ts';
import { writeSubjectModel } from '../../fixtures/subject-models.ts';

let root: string;
beforeAll(async () => {
  root = await makeTempDir('tessera-subject-check-');
});
afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

describe('background-removal family detection', () => {
  it('the header reader names the op computing each output, through Identity renames', async () => {
    const header = await readOnnxHeader(await writeSubjectModel(path.join(root, 'ops'), 'birefnet'));
    // The builder renames through Identity: the Mul (logits) behind "output" is what counts.
    expect(header.outputOpTypes).toEqual(['Mul']);
    const u2 = await readOnnxHeader(await writeSubjectModel(path.join(root, 'ops-u2'), 'u2net'));
    expect(u2.outputOpTypes).toEqual(Array(7).fill('Sigmoid'));
  });

  it('u2net: a 320² input with 7 outputs and a final Sigmoid, from the graph alone', async () => {
    const dir = path.join(root, 'plain-320');
    await writeSubjectModel(dir, 'u2net');
    const report = await inspectModelFolder(dir);
    expect(report.problems).toEqual([]);
    expect(report.kind).toBe('background-removal');
    expect(report.backgroundRemoval).toMatchObject({ family: 'u2net', group: 'u2net', detectedBy: 'graph', size: 320, outputCount: 7, logits: false, inputName: 'input' });
  });

  it('birefnet: a 1024² input whose first output is logits (no final Sigmoid), from the graph alone', async () => {
    const dir = path.join(root, 'plain-1024-logits');
    await writeSubjectModel(dir, 'birefnet');
    const report = await inspectModelFolder(dir);
    expect(report.backgroundRemoval).toMatchObject({ family: 'birefnet-general', group: 'birefnet', detectedBy: 'graph', logits: true });
    expect(report.usable).toBe(true);
  });

  it('a 1024² Sigmoid graph is ISNet or RMBG-1.4: without a hint it is a problem naming both and tessera.json', async () => {
    const dir = path.join(root, 'plain-1024-sigmoid');
    await writeSubjectModel(dir, 'isnet');
    const report = await inspectModelFolder(dir);
    expect(report.usable).toBe(false);
    expect(report.problems[0]!.code).toBe('MODEL_INVALID');
    expect(report.problems[0]!.message).toMatch(/cannot tell .*isnet .*rmbg-1\.4.*tessera\.json/);
  });

  it.each([
    ['isnet-anime', 'isnet', 'isnet-anime'],
    ['bria-rmbg-1.4', 'rmbg-1.4', 'bria-rmbg-1.4'],
    ['u2netp', 'u2net', 'u2netp'],
    ['birefnet-portrait', 'birefnet', 'birefnet-portrait'],
  ] as const)('tessera.json {"family": "%s"} names the family the graph agrees with', async (hint, group, family) => {
    const dir = path.join(root, `hint-${hint}`);
    await writeSubjectModel(dir, group, { hint });
    const report = await inspectModelFolder(dir);
    expect(report.problems).toEqual([]);
    expect(report.backgroundRemoval).toMatchObject({ family, group, detectedBy: 'tessera.json' });
  });

  it.each([
    ['isnet-general-use.onnx', 'isnet', 'isnet-general-use'],
    ['RMBG-1.4.onnx', 'rmbg-1.4', 'bria-rmbg-1.4'],
    ['u2net_human_seg.onnx', 'u2net', 'u2net_human_seg'],
    ['BiRefNet-general-bb_swin_v1_tiny-epoch_232.onnx', 'birefnet', 'birefnet-general-lite'],
  ] as const)('the file name %s names the family', async (fileName, group, family) => {
    const dir = path.join(root, `name-${family}`);
    const file = await writeSubjectModel(dir, group, { fileName });
    const report = await inspectModelFolder(dir);
    expect(report.backgroundRemoval).toMatchObject({ family, detectedBy: 'file name' });
    // A single .onnx given directly is the same model.
    const single = await inspectModelFolder(file);
    expect(single.kind).toBe('background-removal');
    expect(single.backgroundRemoval).toMatchObject({ family, modelFile: fileName });
  });

  it('a hint that contradicts the graph is a MODEL_INVALID problem saying what the graph has', async () => {
    const dir = path.join(root, 'wrong-hint');
    await writeSubjectModel(dir, 'birefnet', { hint: 'u2net' });
    const report = await inspectModelFolder(dir);
    expect(report.usable).toBe(false);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]!.message).toMatch(/tessera\.json says u2net \(320×320 input, 7 outputs, final Sigmoid\), but the graph has input height 1024, expected 320/);
  });

  it('a BiRefNet file name on a graph that ends in a Sigmoid is refused (the sigmoid would be applied twice)', async () => {
    const dir = path.join(root, 'wrong-name');
    await writeSubjectModel(dir, 'isnet', { fileName: 'birefnet-general.onnx' });
    const report = await inspectModelFolder(dir);
    expect(report.problems[0]!.message).toMatch(/file name says birefnet-general .*a final Sigmoid, expected logits/);
  });

  it('a 320² graph without 7 outputs is not a U²-Net export', async () => {
    const dir = path.join(root, 'one-output-320');
    await writeSubjectModel(dir, 'u2net', { outputNames: ['only'] });
    const report = await inspectModelFolder(dir);
    expect(report.problems[0]!.message).toMatch(/means u2net, but the graph has 1 outputs, expected 7/);
  });

  it('an unknown family in tessera.json lists the known ones', async () => {
    const dir = path.join(root, 'bad-hint');
    await writeSubjectModel(dir, 'u2net', { hint: 'modnet' });
    const report = await inspectModelFolder(dir);
    expect(report.problems[0]!.message).toMatch(/"family" is "modnet", expected one of u2net, u2netp/);
  });
});
