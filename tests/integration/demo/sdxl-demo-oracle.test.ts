// The demo SDXL folder makes every SDXL wiring mistake visible (issue 19): the UNet oracle's picture, decoded by
// the real VAE decoder, is right only with both encoders' penultimate states, the pooled text_embeds, the right
// time_ids and the 0.13025 scaling. Each test builds the conditioning once right (the engine's SdxlConditioner)
// and once with one mistake, and compares both with the picture demo-sd paints (oracle-reference.ts).
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DiffusionModel } from '../../../native-models/pipelines/diffusion/diffusion-model.ts';
import { decodeLatents } from '../../../native-models/pipelines/diffusion/vae-codec.ts';
import { makeTensor } from '../../../native-models/core/tensor.ts';
import { SessionCache, loadOnnxModel, type OnnxModel } from '../../../native-models/runtime/index.ts';
import { featuresFromWords, sigmaAt, targetImageRgb } from '../../../native-models/demo/sd/oracle-reference.ts';
import type { TextConditioning } from '../../../native-models/pipelines/diffusion/conditioning/text-conditioning.ts';
import { demoModel } from '../demo-pack.ts';
import { pictureError } from '../diffusion/diffusion-test-kit.ts';

const FOLDER = demoModel('demo-sdxl');
const open = new Map<string, Promise<OnnxModel>>();
/** Each part's session is made once for the file. */
const part = (name: string): Promise<OnnxModel> => {
  if (!open.has(name)) open.set(name, loadOnnxModel(path.join(FOLDER, name, 'model.onnx'), { provider: 'cpu', threads: 1 }));
  return open.get(name)!;
};
let engine: Promise<DiffusionModel> | undefined;
afterAll(async () => {
  for (const m of open.values()) await (await m).release();
  await (await engine)?.release();
});

// A non-square size, so swapped or mis-scaled time_ids move the shape.
const W = 96;
const H = 64;
const T = 600;
const expected = targetImageRgb(featuresFromWords({ red: 1, circle: 1 }), H / 8, W / 8);

/** x0 from one UNet call at x_t = 0 (ε = −x0/σ for the oracle), decoded by the folder's VAE decoder at `scaling`. */
async function paint(c: TextConditioning, scaling = 0.13025): Promise<Uint8Array> {
  const unet = await part('unet');
  const h = H / 8;
  const w = W / 8;
  const out = await unet.run({
    sample: makeTensor('float32', new Float32Array(4 * h * w), [1, 4, h, w]),
    timestep: makeTensor('float32', Float32Array.of(T), []),
    encoder_hidden_states: makeTensor('float32', c.hidden.data, c.hidden.dims),
    text_embeds: makeTensor('float32', c.added.text_embeds!, [1, c.added.text_embeds!.length]),
    time_ids: makeTensor('float32', c.added.time_ids!, [1, c.added.time_ids!.length]),
  });
  const eps = out.out_sample!.data as Float32Array;
  const x0 = eps.map((e) => -sigmaAt(T) * e);
  const [image] = await decodeLatents(await part('vae_decoder'), x0, [1, 4, h, w], scaling);
  return image!.data;
}

/** The engine's conditioning for a prompt (default "a red circle"). */
async function rightConditioning(prompt = 'a red circle'): Promise<TextConditioning> {
  engine ??= DiffusionModel.open(FOLDER, new SessionCache({ provider: 'cpu', threads: 1 }));
  const { cond } = await (await engine).conditioner.encode({ prompt, negativePrompt: undefined, width: W, height: H });
  return cond;
}

/** An encoder's chosen output for the prompt's hand-made ids ([BOS, a, red, circle, EOS, pad…]) as [77, width]. */
async function encoderOutput(encoder: 'text_encoder' | 'text_encoder_2', output: string, ids: number[]): Promise<Float32Array> {
  const te = await part(encoder);
  const out = await te.run({ input_ids: makeTensor('int64', BigInt64Array.from(ids.map(BigInt)), [1, 77]) }, [output]);
  return out[output]!.data as Float32Array;
}

function concatRows(a: Float32Array, aWidth: number, b: Float32Array, bWidth: number): Float32Array {
  const out = new Float32Array(77 * (aWidth + bWidth));
  for (let t = 0; t < 77; t++) {
    out.set(a.subarray(t * aWidth, (t + 1) * aWidth), t * (aWidth + bWidth));
    out.set(b.subarray(t * bWidth, (t + 1) * bWidth), t * (aWidth + bWidth) + aWidth);
  }
  return out;
}

const withHidden = (c: TextConditioning, data: Float32Array): TextConditioning => ({ ...c, hidden: { data, dims: [1, 77, 2048] } });
const withAdded = (c: TextConditioning, name: string, value: Float32Array): TextConditioning => ({ ...c, added: { ...c.added, [name]: value } });

describe('demo-sdxl: the four SDXL wiring mistakes each paint a wrong picture', () => {
  it('right wiring (penultimate states of both encoders, pooled text_embeds, (h, w, 0, 0, h, w), 0.13025) paints demo-sd\'s red circle exactly', async () => {
    const right = await rightConditioning();
    expect(right.hidden.dims).toEqual([1, 77, 2048]);
    expect(Array.from(right.added.time_ids!)).toEqual([H, W, 0, 0, H, W]);
    const error = pictureError(await paint(right), expected);
    expect(error.perPixel).toBeLessThanOrEqual(1);
  });

  it('last_hidden_state instead of the penultimate hidden_states.N-1: wrong colour and shape', async () => {
    const right = await rightConditioning();
    const ids = await idsOf('a red circle');
    const wrong = concatRows(await encoderOutput('text_encoder', 'last_hidden_state', ids), 768, await encoderOutput('text_encoder_2', 'last_hidden_state', ids), 1280);
    // a green square where the red circle belongs
    expect(pictureError(await paint(withHidden(right, wrong)), expected).perPixel).toBeGreaterThan(20);
  });

  it('dropping an encoder (its 768 or 1280 channels left zero): the colour or the shape is lost', async () => {
    const right = await rightConditioning();
    const noSecond = right.hidden.data.map((v, i) => (i % 2048 >= 768 ? 0 : v));
    const noFirst = right.hidden.data.map((v, i) => (i % 2048 < 768 ? 0 : v));
    // all red (no circle), or a gray circle
    expect(pictureError(await paint(withHidden(right, noSecond)), expected).perPixel).toBeGreaterThan(40);
    expect(pictureError(await paint(withHidden(right, noFirst)), expected).perPixel).toBeGreaterThan(10);
  });

  it('wrong time_ids (width before height, or latent instead of pixel sizes) move or shrink the shape', async () => {
    const right = await rightConditioning();
    const swapped = Float32Array.of(W, H, 0, 0, W, H);
    const latentUnits = Float32Array.of(H / 8, W / 8, 0, 0, H / 8, W / 8);
    expect(pictureError(await paint(withAdded(right, 'time_ids', swapped)), expected).perPixel).toBeGreaterThan(10);
    expect(pictureError(await paint(withAdded(right, 'time_ids', latentUnits)), expected).perPixel).toBeGreaterThan(10);
  });

  it('SD\'s 0.18215 instead of the config\'s 0.13025: the colours are off', async () => {
    const red = targetImageRgb(featuresFromWords({ red: 1 }), H / 8, W / 8);
    const conditioning = await rightConditioning('red');
    expect(pictureError(await paint(conditioning), red).meanColour).toBeLessThanOrEqual(1);
    // x0 / 0.18215 is 0.715 of the latent the VAE expects: red 255 comes out about 219
    expect(pictureError(await paint(conditioning, 0.18215), red).meanColour).toBeGreaterThan(25);
  });

  it('a pooled embedding left out (zeros, or CLIP-L\'s pooler_output) paints black', async () => {
    const right = await rightConditioning();
    const picture = await paint(withAdded(right, 'text_embeds', new Float32Array(1280)));
    expect(Math.max(...picture)).toBe(0);
  });
});

/** [BOS, tokens…, EOS] padded with "!" (id 0), as tokenizer_2 pads; the demo encoders ignore the pad ids. */
async function idsOf(prompt: string): Promise<number[]> {
  const { loadClipTokenizer } = await import('../../../native-models/models/tokenizer-folder.ts');
  const tokenizer = await loadClipTokenizer(path.join(FOLDER, 'tokenizer_2'));
  return Array.from(tokenizer.wrapForModel(tokenizer.encode(prompt)));
}
