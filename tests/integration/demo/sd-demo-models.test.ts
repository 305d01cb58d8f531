// The demo diffusion folders on real onnxruntime-node: each exporter's contract (names, dtypes, dynamic axes),
// the text encoder's features for hand-tokenised prompts, the VAE round trip and external-data loading.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOnnxModel } from '../../../native-models/runtime/index.ts';
import { demoModel, demoPackDir } from '../demo-pack.ts';
import { EOS, asFloats, fedValues, floatFeed, intFeed, maxAbsDiff, openPart, padded, vocabId } from './sd-demo-kit.ts';

// Expected contracts, restated from ../shared/model-contracts.md §0/§1.4 (not read from the generator's tables).
const CONTRACTS = [
  { folder: 'demo-sd', ids: 'int64', float: 'float32', timestep: ['float32', []], hidden: 768, encoderOut: 'latent_parameters', data: 'model.onnx_data', channels: 4 },
  { folder: 'demo-sd-legacy', ids: 'int32', float: 'float32', timestep: ['float32', ['batch']], hidden: 768, encoderOut: 'latent_sample', data: 'weights.pb', channels: 'channels' },
  { folder: 'demo-sd-fp16', ids: 'int32', float: 'float16', timestep: ['float16', ['unet_time_batch']], hidden: 768, encoderOut: 'latent_sample', data: 'weights.pb', channels: 'unet_sample_channels' },
  { folder: 'demo-sd-v', ids: 'int64', float: 'float32', timestep: ['int64', ['steps']], hidden: 1024, encoderOut: 'latent_parameters', data: 'model.onnx_data', channels: 4 },
  { folder: 'demo-sd-inpaint', ids: 'int32', float: 'float32', timestep: ['float32', ['batch']], hidden: 768, encoderOut: 'latent_sample', data: 'weights.pb', channels: 'channels' },
  { folder: 'demo-sd-lcm', ids: 'int64', float: 'float32', timestep: ['int64', ['steps']], hidden: 768, encoderOut: 'latent_sample', data: 'model.onnx_data', channels: 4 },
] as const;

describe.each(CONTRACTS)('$folder contract', (c) => {
  it('text encoder: input_ids [batch, sequence] → last_hidden_state [batch, sequence, H], pooler_output [batch, H]', async () => {
    const te = await openPart(c.folder, 'text_encoder');
    expect(te.inputs.map((i) => [i.name, i.type, i.shape.length, typeof i.shape[1]])).toEqual([['input_ids', c.ids, 2, 'string']]);
    expect(te.outputs.map((o) => [o.name, o.type, o.shape.at(-1)])).toEqual([['last_hidden_state', c.float, c.hidden], ['pooler_output', c.float, c.hidden]]);
  });

  it('unet: sample, timestep, encoder_hidden_states (+timestep_cond for LCM) → out_sample', async () => {
    const unet = await openPart(c.folder, 'unet');
    const byName = Object.fromEntries(unet.inputs.map((i) => [i.name, i]));
    expect(Object.keys(byName)).toEqual(['sample', 'timestep', 'encoder_hidden_states', ...(c.folder === 'demo-sd-lcm' ? ['timestep_cond'] : [])]);
    expect([byName.sample!.type, byName.sample!.shape[1], typeof byName.sample!.shape[2]]).toEqual([c.float, c.channels, 'string']);
    expect([byName.timestep!.type, byName.timestep!.shape]).toEqual([c.timestep[0], c.timestep[1]]);
    expect([byName.encoder_hidden_states!.type, typeof byName.encoder_hidden_states!.shape[1], byName.encoder_hidden_states!.shape[2]]).toEqual([c.float, 'string', c.hidden]);
    if (byName.timestep_cond) expect([byName.timestep_cond.type, byName.timestep_cond.shape[1]]).toEqual(['float32', 256]);
    expect(unet.outputs.map((o) => [o.name, o.type, o.shape[1]])).toEqual([['out_sample', c.float, 4]]);
  });

  it('vae: latent_sample → sample; sample → ' + c.encoderOut, async () => {
    const dec = await openPart(c.folder, 'vae_decoder');
    const enc = await openPart(c.folder, 'vae_encoder');
    expect(dec.inputs.map((i) => [i.name, i.type])).toEqual([['latent_sample', c.float]]);
    expect(dec.outputs.map((o) => [o.name, o.type, o.shape[1]])).toEqual([['sample', c.float, 3]]);
    expect(enc.inputs.map((i) => [i.name, i.type])).toEqual([['sample', c.float]]);
    expect(enc.outputs.map((o) => [o.name, o.type, o.shape[1]])).toEqual([[c.encoderOut, c.float, c.encoderOut === 'latent_parameters' ? 8 : 4]]);
  });

  it(`keeps the UNet tables in unet/${c.data}, and fails to load without it`, async () => {
    const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-sd-ext-'));
    try {
      await fs.cp(path.join(demoModel(c.folder), 'unet'), tmp, { recursive: true });
      expect((await fs.stat(path.join(tmp, c.data))).size).toBeGreaterThanOrEqual(4000); // σ table: 1000 float32
      const model = await loadOnnxModel(path.join(tmp, 'model.onnx'), { provider: 'cpu' });
      await model.release();
      await fs.rm(path.join(tmp, c.data));
      await expect(loadOnnxModel(path.join(tmp, 'model.onnx'), { provider: 'cpu' })).rejects.toMatchObject({ code: 'EXTERNAL_DATA_MISSING' });
    } finally {
      await fs.rm(tmp, { recursive: true, force: true });
    }
  });

  it('ships the real tokenizer files and its pad token, scheduler and model index', async () => {
    const dir = demoModel(c.folder);
    const special = JSON.parse(await fs.readFile(path.join(dir, 'tokenizer', 'special_tokens_map.json'), 'utf8'));
    expect(special.pad_token).toBe(c.hidden === 1024 ? '!' : '<|endoftext|>');
    const vocab = JSON.parse(await fs.readFile(path.join(dir, 'tokenizer', 'vocab.json'), 'utf8'));
    expect([Object.keys(vocab).length, vocab['<|endoftext|>']]).toEqual([49408, EOS]);
    const scheduler = JSON.parse(await fs.readFile(path.join(dir, 'scheduler', 'scheduler_config.json'), 'utf8'));
    expect([scheduler.beta_start, scheduler.beta_end, scheduler.beta_schedule, scheduler.num_train_timesteps]).toEqual([0.00085, 0.012, 'scaled_linear', 1000]);
    expect(scheduler.prediction_type).toBe(c.folder === 'demo-sd-v' ? 'v_prediction' : 'epsilon');
    const index = JSON.parse(await fs.readFile(path.join(dir, 'model_index.json'), 'utf8'));
    if (c.folder === 'demo-sd-inpaint') expect(index._class_name).toBe('OnnxStableDiffusionInpaintPipeline');
    if (c.folder === 'demo-sd-lcm') expect([scheduler._class_name, scheduler.original_inference_steps]).toEqual(['LCMScheduler', 50]);
    if (c.data === 'model.onnx_data') {
      const vae = JSON.parse(await fs.readFile(path.join(dir, 'vae_decoder', 'config.json'), 'utf8'));
      expect(vae.scaling_factor).toBe(0.18215);
    }
  });
});

describe('text encoder features', () => {
  it.each(['demo-sd', 'demo-sd-legacy', 'demo-sd-fp16', 'demo-sd-v'])('%s: "a red circle, red and grey" lights channels red (×2), gray, circle only', async (folder) => {
    const te = await openPart(folder, 'text_encoder');
    // Hand tokenisation: each word is one whole-word token of the real vocab; "," is its own token.
    const words = ['a', 'red', 'circle', ',', 'red', 'and', 'grey'];
    const ids = padded(await Promise.all(words.map((w) => vocabId(`${w}</w>`))));
    const H = folder === 'demo-sd-v' ? 1024 : 768;
    const out = await te.run({ input_ids: intFeed(te, 'input_ids', ids, [1, 77]) });
    const hidden = asFloats(out.last_hidden_state!);
    expect(out.last_hidden_state!.dims).toEqual([1, 77, H]);
    // Channels (demo-sd-spec.ts): red 0, gray 8, circle 11. Positions: BOS 0, a 1, red 2, circle 3, "," 4, red 5, and 6, grey 7.
    const lit = [];
    for (let i = 0; i < hidden.length; i++) if (hidden[i] !== 0) lit.push([Math.floor(i / H), i % H, hidden[i]]);
    expect(lit).toEqual([[2, 0, 1], [3, 11, 1], [5, 0, 1], [7, 8, 1]]);
    const pooled = asFloats(out.pooler_output!);
    expect([pooled[0], pooled[8], pooled[11], maxAbsDiff(pooled.subarray(12), new Float32Array(H - 12))]).toEqual([-2, -1, -1, 0]);
  });

  it('recognises "cyan" as its BPE pair cy + an</w> and not "an" alone; sequence length is dynamic (154)', async () => {
    const te = await openPart('demo-sd', 'text_encoder');
    const cy = await vocabId('cy');
    const an = await vocabId('an</w>');
    const ids = [...padded([cy, an, an]), ...padded([an, cy, an])]; // two 77-chunks, as long prompts are concatenated
    const out = await te.run({ input_ids: intFeed(te, 'input_ids', ids, [1, 154]) });
    const hidden = asFloats(out.last_hidden_state!);
    const lit = [];
    for (let i = 0; i < hidden.length; i++) if (hidden[i] !== 0) lit.push([Math.floor(i / 768), i % 768]);
    expect(lit).toEqual([[1, 4], [77 + 2, 4]]); // cyan = channel 4, at the position of "cy"
  });
});

describe('VAE', () => {
  // A 16×24 image of 8×8-constant blocks (2×3 blocks of distinct colours in [-1,1]).
  const blocks = [[0.9, -0.2, 0.1], [-0.8, 0.5, 0.3], [0.2, 0.2, -0.9], [0, 1, -1], [0.5, -0.5, 0.7], [-0.3, -0.6, 0.95]];
  const H = 16;
  const W = 24;
  const image = Float64Array.from({ length: 3 * H * W }, (_, i) => {
    const c = Math.floor(i / (H * W));
    const y = Math.floor((i % (H * W)) / W);
    const x = i % W;
    return blocks[Math.floor(y / 8) * 3 + Math.floor(x / 8)]![c]!;
  });

  it.each(CONTRACTS.map((c) => c.folder))('%s: decode(encode(image)) returns 8×8-constant images within 2/255', async (folder) => {
    const enc = await openPart(folder, 'vae_encoder');
    const dec = await openPart(folder, 'vae_decoder');
    const feed = floatFeed(enc, 'sample', image, [1, 3, H, W]);
    const encoded = Object.values(await enc.run({ sample: feed }))[0]!;
    let latent = asFloats(encoded);
    if (encoded.dims[1] === 8) {
      // latent_parameters = mean ‖ logvar: the log-variance half is the constant −30.
      expect(maxAbsDiff(latent.subarray(24), new Float32Array(24).fill(-30))).toBe(0);
      latent = latent.subarray(0, 24);
    }
    const decoded = asFloats((await dec.run({ latent_sample: floatFeed(dec, 'latent_sample', latent, [1, 4, 2, 3]) })).sample!);
    expect(maxAbsDiff(decoded, fedValues(feed)) / 2).toBeLessThanOrEqual(2 / 255);
  });

  it('the decoder mixes channels: pixel = D·z + d, then nearest ×8 (D, d by hand from the README)', async () => {
    const dec = await openPart('demo-sd', 'vae_decoder');
    const out = asFloats((await dec.run({ latent_sample: floatFeed(dec, 'latent_sample', [1, 0, 0, 2], [1, 4, 1, 1]) })).sample!);
    // D row r = [0.25,0.1,-0.05,0.15], [-0.05,0.3,0.1,0.05], [0.1,-0.05,0.25,-0.1]; d = [0.02,-0.03,0.01].
    const expected = [0.25 + 0.3 + 0.02, -0.05 + 0.1 - 0.03, 0.1 - 0.2 + 0.01];
    expect(out.length).toBe(3 * 64);
    expect(maxAbsDiff(out, expected.flatMap((v) => new Array(64).fill(v)))).toBeLessThan(1e-6);
  });
});

it('the diffusion folders stay small (pack budget 30 MB with SAM)', async () => {
  let total = 0;
  for (const c of CONTRACTS) {
    for (const entry of await fs.readdir(path.join(demoPackDir(), c.folder), { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) total += (await fs.stat(path.join(entry.parentPath, entry.name))).size;
    }
  }
  expect(total).toBeLessThan(12e6);
});
