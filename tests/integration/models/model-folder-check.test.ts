// Model-folder inspection on the demo pack and on broken copies of it: each problem gets its own clear line.
import fs from 'node:fs/promises';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectModelFolder } from '../../../native-models/models/index.ts';
import { demoModel } from '../demo-pack.ts';
import { makeTempDir, writeDoubleModel } from '../../fixtures/tiny-models.ts';

const run = promisify(execFile);
let scratch: string;

beforeAll(async () => {
  scratch = await makeTempDir('tessera-folders-');
});
afterAll(async () => {
  await fs.rm(scratch, { recursive: true, force: true });
});

/** A private copy of a demo folder that a test may break. */
async function copyOf(folder: string): Promise<string> {
  const target = await fs.mkdtemp(path.join(scratch, `${folder}-`));
  await fs.cp(demoModel(folder), target, { recursive: true });
  return target;
}

describe('the demo pack passes', () => {
  it.each([
    ['demo-sd', 'fp32', 'sd1', 'epsilon', false],
    ['demo-sd-legacy', 'fp32', 'sd1', 'epsilon', false],
    ['demo-sd-fp16', 'fp16', 'sd1', 'epsilon', false],
    ['demo-sd-v', 'fp32', 'sd2', 'v_prediction', false],
    ['demo-sd-inpaint', 'fp32', 'sd1', 'epsilon', true],
  ] as const)('%s is a usable %s diffusion folder', async (folder, precision, family, prediction, inpainting) => {
    const report = await inspectModelFolder(demoModel(folder));
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ kind: 'diffusion', usable: true, precision, synthetic: true });
    expect(report.diffusion).toMatchObject({ family, predictionType: prediction, inpainting });
    expect(report.sizeBytes).toBeGreaterThan(0);
  });

  it('distinguishes the exporter flavours by their contracts', async () => {
    const legacy = await inspectModelFolder(demoModel('demo-sd-legacy'));
    expect(legacy.diffusion).toMatchObject({ inputIdsType: 'int32', exporter: 'legacy-diffusers', vaeEncoderOutput: 'latent_sample' });
    const fp16 = await inspectModelFolder(demoModel('demo-sd-fp16'));
    expect(fp16.diffusion?.exporter).toBe('olive');
    const optimum = await inspectModelFolder(demoModel('demo-sd'));
    expect(optimum.diffusion).toMatchObject({ inputIdsType: 'int64', vaeEncoderOutput: 'latent_parameters' });
    expect(optimum.diffusion?.exporter).toMatch(/^optimum/);
  });

  it('detects an LCM-distilled UNet', async () => {
    const report = await inspectModelFolder(demoModel('demo-sd-lcm'));
    expect(report.usable).toBe(true);
    expect(report.diffusion?.fewStep).toBe('lcm');
  });

  it('finds the SAM encoder/decoder pair and its encoder layout', async () => {
    const nchw = await inspectModelFolder(demoModel('demo-sam'));
    expect(nchw.problems).toEqual([]);
    expect(nchw).toMatchObject({ kind: 'sam', usable: true, sam: { encoderLayout: 'nchw-preprocessed' } });
    const hwc = await inspectModelFolder(demoModel('demo-sam-hwc'));
    expect(hwc).toMatchObject({ kind: 'sam', usable: true, sam: { encoderLayout: 'hwc-raw' } });
  });
});

describe('broken copies fail with one specific problem each', () => {
  async function problemsAfter(folder: string, breakIt: (dir: string) => Promise<void>): Promise<{ code: string; message: string }[]> {
    const dir = await copyOf(folder);
    await breakIt(dir);
    const report = await inspectModelFolder(dir);
    expect(report.usable).toBe(false);
    return report.problems;
  }

  it('missing sub-folder', async () => {
    const problems = await problemsAfter('demo-sd', (d) => fs.rm(path.join(d, 'vae_decoder'), { recursive: true }));
    expect(problems).toEqual([{ code: 'MODEL_FILE_MISSING', message: expect.stringMatching(/vae_decoder\/model\.onnx: missing \(required vae_decoder model\)$/) }]);
  });

  it('missing model_index.json', async () => {
    const problems = await problemsAfter('demo-sd', (d) => fs.rm(path.join(d, 'model_index.json')));
    expect(problems).toEqual([{ code: 'MODEL_FILE_MISSING', message: expect.stringContaining('model_index.json: missing') }]);
  });

  it('truncated ONNX file', async () => {
    const problems = await problemsAfter('demo-sd', async (d) => {
      const file = path.join(d, 'text_encoder', 'model.onnx');
      const bytes = await fs.readFile(file);
      await fs.writeFile(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    });
    expect(problems).toEqual([{ code: 'MODEL_FILE_CORRUPT', message: expect.stringMatching(/text_encoder\/model\.onnx: file is truncated or not ONNX/) }]);
  });

  it('a file that is not ONNX', async () => {
    const problems = await problemsAfter('demo-sd', (d) => fs.writeFile(path.join(d, 'vae_decoder', 'model.onnx'), '<html>404 Not Found</html>'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'MODEL_FILE_CORRUPT', message: expect.stringContaining('vae_decoder/model.onnx') });
  });

  it('missing external-data file', async () => {
    const problems = await problemsAfter('demo-sd', (d) => fs.rm(path.join(d, 'unet', 'model.onnx_data')));
    expect(problems).toEqual([{ code: 'EXTERNAL_DATA_MISSING', message: expect.stringMatching(/unet\/model\.onnx: external-data file model\.onnx_data is missing/) }]);
  });

  it('truncated external-data file (weights.pb)', async () => {
    const problems = await problemsAfter('demo-sd-legacy', (d) => fs.truncate(path.join(d, 'unet', 'weights.pb'), 10));
    expect(problems).toEqual([{ code: 'EXTERNAL_DATA_MISSING', message: expect.stringMatching(/weights\.pb is truncated \(10 bytes, expected at least \d+\)/) }]);
  });

  it('wrong input names and dtypes', async () => {
    const problems = await problemsAfter('demo-sd', async (d) => {
      // A valid ONNX file with the wrong contract: input "x" int64 instead of latent_sample float.
      const file = await writeDoubleModel(path.join(d, 'vae_decoder'), 'int64');
      await fs.rename(file, path.join(d, 'vae_decoder', 'model.onnx'));
    });
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/vae_decoder\/model\.onnx: missing input "latent_sample" \(inputs are: x\)/),
      expect.stringMatching(/vae_decoder\/model\.onnx: missing output "sample" \(outputs are: y\)/),
    ]);
  });

  it('tokenizer files missing or malformed', async () => {
    const problems = await problemsAfter('demo-sd', async (d) => {
      await fs.rm(path.join(d, 'tokenizer', 'merges.txt'));
      await fs.writeFile(path.join(d, 'tokenizer', 'vocab.json'), '{"hello": ');
    });
    expect(problems.map((p) => p.code)).toEqual(['TOKENIZER_INVALID', 'TOKENIZER_INVALID']);
    expect(problems[0]!.message).toMatch(/tokenizer\/vocab\.json: malformed/);
    expect(problems[1]!.message).toMatch(/tokenizer\/merges\.txt: missing/);
  });

  it('scheduler config with unknown values', async () => {
    const problems = await problemsAfter('demo-sd', async (d) => {
      const file = path.join(d, 'scheduler', 'scheduler_config.json');
      const config = JSON.parse(await fs.readFile(file, 'utf8')) as Record<string, unknown>;
      await fs.writeFile(file, JSON.stringify({ ...config, beta_schedule: 'cosine-ish', num_train_timesteps: -5 }));
    });
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/beta_schedule is "cosine-ish", expected one of linear, scaled_linear, squaredcos_cap_v2/),
      expect.stringMatching(/num_train_timesteps is -5, expected a positive number/),
    ]);
  });

  it('SAM folder without its decoder', async () => {
    const dir = await copyOf('demo-sam');
    const report = await inspectModelFolder(dir);
    await fs.rm(path.join(dir, report.sam!.decoderFile));
    const broken = await inspectModelFolder(dir);
    expect(broken.problems).toEqual([{ code: 'MODEL_FILE_MISSING', message: expect.stringMatching(/found 0 SAM decoder files, expected exactly 1/) }]);
  });

  it('a folder that is no model at all', async () => {
    const dir = await fs.mkdtemp(path.join(scratch, 'empty-'));
    const report = await inspectModelFolder(dir);
    expect(report.kind).toBe('unknown');
    expect(report.problems[0]!.message).toMatch(/not a model folder/);
  });
});

describe('tessera models check', () => {
  const cli = path.resolve('cli/bin/tessera.js');

  it('exits 0 on a usable folder and prints its report', async () => {
    const { stdout } = await run('node', [cli, 'models', 'check', demoModel('demo-sd')]);
    expect(stdout).toMatch(/: OK — diffusion model \(synthetic demo model\)/);
    expect(stdout).toMatch(/supports: {2}text-to-image, image-to-image, inpainting/);
  });

  it('names a SAM 2.1 export family and loads both parts (--load)', async () => {
    const { stdout } = await run('node', [cli, 'models', 'check', demoModel('demo-sam2'), '--load']);
    expect(stdout).toMatch(/: OK — sam model/);
    expect(stdout).toMatch(/family: {4}sam2-samexporter\n/);
    expect(stdout).toMatch(/files: {5}encoder sam2\.1_demo\.encoder\.onnx, decoder sam2\.1_demo\.decoder\.onnx/);
  });

  it('prints one line per problem and exits 1 on a broken copy', async () => {
    const dir = await copyOf('demo-sd');
    await fs.rm(path.join(dir, 'unet', 'model.onnx_data'));
    await fs.rm(path.join(dir, 'tokenizer', 'merges.txt'));
    const failure = await run('node', [cli, 'models', 'check', dir]).then(
      () => undefined,
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    const problemLines = failure!.stdout.split('\n').filter((l) => l.includes('problem ['));
    expect(problemLines).toHaveLength(2);
    expect(failure!.stdout).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('--json emits the report', async () => {
    const { stdout } = await run('node', [cli, 'models', 'check', '--json', demoModel('demo-sam')]);
    expect(JSON.parse(stdout)).toMatchObject({ kind: 'sam', usable: true });
  });
});
