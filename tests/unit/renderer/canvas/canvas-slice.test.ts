// The canvas slices with a fake host and a fake mask codec: segment clicks (request shape, candidates, stale
// answers), hover coalescing, tool state, undo/redo over clicks and strokes, "use as inpainting mask" with
// grow, inpaint results replacing the image in place, opening files, restoring parameters, exports.
import { describe, expect, it } from 'vitest';
import type { EncodedImage, GeneratedImageData, SegmentResult } from '../../../../native-models/api/index.ts';
import { maskArea, type BinaryMask } from '../../../../native-models/core/mask/binary-mask.ts';
import type { MaskCodec } from '../../../../renderer/src/store/canvas/mask-codec.ts';
import { connectStoreToEvents, createAppStore } from '../../../../renderer/src/store/create-app-store.ts';
import { diffusionModel, fakeApi } from '../store/fake-api.ts';

const W = 32;
const H = 24;
const png = (tag: string): EncodedImage => ({ mimeType: 'image/png', base64: tag });
/** Leading bytes of picked files: what the slice goes by to declare their type. */
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_SIGNATURE = [0xff, 0xd8, 0xff, 0xe0];

/** A 6×6 square at (10, 8) as a mask; the fake codec hands it out for the PNG tagged "square". */
function square(): BinaryMask {
  const data = new Uint8Array(W * H);
  for (let y = 8; y < 14; y++) for (let x = 10; x < 16; x++) data[y * W + x] = 1;
  return { width: W, height: H, data };
}

const codec: MaskCodec & { encoded: BinaryMask[] } = {
  encoded: [],
  async decode(image) {
    if (image.base64 !== 'square') throw new Error(`fake codec: unknown mask ${image.base64}`);
    return square();
  },
  async encode(mask) {
    codec.encoded.push(mask);
    return png(`mask-${maskArea(mask)}`);
  },
};

function samModel() {
  const m = diffusionModel('demo-pack/demo-sam');
  return { ...m, report: { ...m.report, kind: 'sam' as const } };
}

function threeMasks(): SegmentResult {
  const entry = (tag: string, score: number, area: number) => ({ mask: png(tag), score, token: 1, area, bbox: null });
  return { imageId: 'img-a', width: W, height: H, masks: [entry('square', 0.97, 36), entry('big', 0.86, 200), entry('tiny', 0.5, 4)] };
}

async function setup() {
  const fake = fakeApi();
  fake.answers.listModels = () => ({ modelsRoot: '/m', selectedId: 'sd', models: [diffusionModel('sd'), samModel()] });
  fake.answers.segment = () => threeMasks();
  const store = createAppStore(fake.api, { maskCodec: codec });
  connectStoreToEvents(store, fake.api);
  await store.getState().loadModels();
  store.getState().loadCanvasImage({ imageId: 'img-a', image: png('picture'), width: W, height: H }, { label: 'Generated image, seed 1', name: 'pic' });
  return { fake, store };
}

const segmentCalls = (fake: ReturnType<typeof fakeApi>) => fake.calls.filter((c) => c.method === 'segment').map((c) => c.args);

describe('canvas slice: segment tool', () => {
  it('sends a lone click by image id with multimask, and offers the candidates whole / part / sub-part', async () => {
    const { fake, store } = await setup();
    await store.getState().addSegmentPoint({ x: 12, y: 10, label: 1 });
    expect(segmentCalls(fake)).toEqual([{ modelId: 'demo-pack/demo-sam', image: { imageId: 'img-a' }, points: [{ x: 12, y: 10, label: 1 }], multimask: true }]);
    const { candidates, chosen } = store.getState().canvas;
    expect(candidates.map((c) => c.kind)).toEqual(['Whole', 'Part', 'Sub-part']);
    expect(candidates[chosen]!.mask.base64).toBe('square'); // best score 0.97, the middle area
    await store.getState().addSegmentPoint({ x: 2, y: 2, label: 0 });
    expect(segmentCalls(fake)[1]).toMatchObject({ points: [{ label: 1 }, { x: 2, y: 2, label: 0 }], multimask: false });
  });

  it('ignores the answer to a click that a later undo made stale', async () => {
    const { fake, store } = await setup();
    let release: (r: SegmentResult) => void = () => {};
    fake.answers.segment = () => new Promise<SegmentResult>((resolve) => (release = resolve));
    const pending = store.getState().addSegmentPoint({ x: 12, y: 10, label: 1 });
    expect(store.getState().segmentBusy).toBe(true);
    store.getState().undoCanvas();
    release(threeMasks());
    await pending;
    expect(store.getState().canvas).toMatchObject({ points: [], candidates: [] });
    expect(store.getState().segmentBusy).toBe(false);
  });

  it('keeps one hover request in flight and sends only the latest waiting point after it', async () => {
    const { fake, store } = await setup();
    const releases: (() => void)[] = [];
    fake.answers.segment = () => new Promise<SegmentResult>((resolve) => releases.push(() => resolve(threeMasks())));
    const s = store.getState();
    s.hoverSegment({ x: 1, y: 1 });
    s.hoverSegment({ x: 2, y: 2 });
    s.hoverSegment({ x: 3, y: 3 });
    expect(segmentCalls(fake)).toHaveLength(1);
    releases[0]!();
    await new Promise((r) => setTimeout(r, 0));
    expect(segmentCalls(fake)).toHaveLength(2);
    expect(segmentCalls(fake)[1]).toMatchObject({ points: [{ x: 3, y: 3, label: 1 }] });
    releases[1]!();
    await new Promise((r) => setTimeout(r, 0));
    expect(store.getState().hoverMask?.base64).toBe('square');
    s.hoverSegment(null);
    expect(store.getState().hoverMask).toBeNull();
  });

  it('says so in the banner when no segmentation model is installed', async () => {
    const { fake, store } = await setup();
    fake.answers.listModels = () => ({ modelsRoot: '/m', selectedId: 'sd', models: [diffusionModel('sd')] });
    await store.getState().loadModels();
    await store.getState().addSegmentPoint({ x: 1, y: 1, label: 1 });
    expect(store.getState().error?.code).toBe('MODEL_NOT_FOUND');
  });
});

describe('canvas slice: tools, mask and history', () => {
  it('switches tools, clamps the brush size, and only brush/eraser paint', async () => {
    const { store } = await setup();
    const s = store.getState();
    expect(store.getState().canvasTool).toBe('segment');
    s.beginStroke({ x: 5, y: 5 });
    expect(store.getState().canvas.mask).toBeNull();
    s.setCanvasTool('brush');
    s.setBrushSize(1000);
    expect(store.getState().brushSize).toBe(256);
    s.setBrushSize(4);
    s.beginStroke({ x: 5, y: 5 });
    s.continueStroke({ x: 5, y: 5 }, { x: 20, y: 5 });
    const painted = maskArea(store.getState().canvas.mask!);
    expect(painted).toBeGreaterThan(30);
    s.setCanvasTool('eraser');
    s.beginStroke({ x: 20, y: 5 });
    expect(maskArea(store.getState().canvas.mask!)).toBeLessThan(painted);
  });

  it('undoes and redoes strokes and segment clicks as single steps (Ctrl+Z / Ctrl+Shift+Z)', async () => {
    const { store } = await setup();
    const s = store.getState();
    await s.addSegmentPoint({ x: 12, y: 10, label: 1 });
    s.setCanvasTool('brush');
    s.beginStroke({ x: 3, y: 3 });
    s.continueStroke({ x: 3, y: 3 }, { x: 9, y: 3 });
    const stroke = maskArea(store.getState().canvas.mask!);
    s.undoCanvas();
    expect(store.getState().canvas.mask).toBeNull();
    expect(store.getState().canvas.points).toHaveLength(1);
    s.undoCanvas();
    expect(store.getState().canvas).toMatchObject({ points: [], candidates: [] });
    s.redoCanvas();
    expect(store.getState().canvas.candidates).toHaveLength(3);
    s.redoCanvas();
    expect(maskArea(store.getState().canvas.mask!)).toBe(stroke);
  });

  it('"Use as inpainting mask" turns the chosen candidate into the mask, grown by N px, in one undo step', async () => {
    const { store } = await setup();
    const s = store.getState();
    await s.addSegmentPoint({ x: 12, y: 10, label: 1 });
    s.setMaskGrowPx(1);
    await s.useSegmentAsMask();
    // 6×6 square grown by a radius-1 disc: +6 on each of the 4 sides (corners need √2 > 1) = 36 + 24 = 60.
    expect(maskArea(store.getState().canvas.mask!)).toBe(60);
    expect(store.getState()).toMatchObject({ canvasTool: 'brush', canvas: { candidates: [], points: [] } });
    s.undoCanvas();
    expect(store.getState().canvas).toMatchObject({ mask: null, candidates: { length: 3 } });
    s.setMaskGrowPx(-2);
    await s.useSegmentAsMask();
    // Shrunk by 2: the inner 2×2.
    expect(maskArea(store.getState().canvas.mask!)).toBe(4);
  });
});

describe('canvas slice: runs, files and exports', () => {
  const result = (imageId: string, seed: number): GeneratedImageData => ({ imageId, image: png(imageId), width: W, height: H, seed, scheduler: 'euler', stepsRun: 4 });

  it('inpaints with the canvas image id and the mask PNG; the result replaces the image, the old one one undo away', async () => {
    const { fake, store } = await setup();
    fake.answers.generate = () => ({ jobId: 'job-1', queuePosition: 0 });
    const s = store.getState();
    s.setGenerateField('prompt', 'blue');
    await s.addSegmentPoint({ x: 12, y: 10, label: 1 });
    await s.useSegmentAsMask();
    await s.runCanvasGeneration('inpaint');
    expect(fake.calls.find((c) => c.method === 'generate')!.args).toMatchObject({ prompt: 'blue', width: W, height: H, count: 1, initImage: { imageId: 'img-a' }, mask: { image: { base64: 'mask-36' } } });
    expect(store.getState().canvasRun).toBe('inpaint');
    fake.emit('onJobUpdate', { jobId: 'job-1', kind: 'generate', modelId: 'sd', state: 'done', images: [result('img-b', 7)] });
    expect(store.getState().canvas.image).toMatchObject({ imageId: 'img-b', label: 'Inpainted image, seed 7' });
    expect(maskArea(store.getState().canvas.mask!)).toBe(36);
    // The mask stays for another try but is hidden, so the new pixels show.
    expect(store.getState()).toMatchObject({ canvasRun: null, maskVisible: false });
    store.getState().undoCanvas();
    expect(store.getState().canvas.image?.imageId).toBe('img-a');
  });

  it('sends img2img with the strength, refuses sizes that are not multiples of 8, and loads plain results', async () => {
    const { fake, store } = await setup();
    fake.answers.generate = () => ({ jobId: 'job-2', queuePosition: 0 });
    const s = store.getState();
    s.setGenerateField('prompt', 'red');
    s.setCanvasOptions({ strength: 0.4 });
    await s.runCanvasGeneration('img2img');
    expect(fake.calls.find((c) => c.method === 'generate')!.args).toMatchObject({ strength: 0.4, initImage: { imageId: 'img-a' } });
    expect(fake.calls.find((c) => c.method === 'generate')!.args).not.toHaveProperty('mask');
    s.loadCanvasImage({ imageId: 'img-odd', image: png('odd'), width: 30, height: 24 });
    await s.runCanvasGeneration('img2img');
    expect(store.getState().error?.message).toMatch(/got 30×24, expected both sides multiples of 8/);
    // A plain Generate run's results load as a fresh canvas (history reset).
    fake.emit('onJobUpdate', { jobId: 'job-2', kind: 'generate', modelId: 'sd', state: 'cancelled' });
    store.setState({ status: 'running', jobId: 'job-3', canvasRun: null });
    fake.emit('onJobUpdate', { jobId: 'job-3', kind: 'generate', modelId: 'sd', state: 'done', images: [result('img-c', 3), result('img-d', 4)] });
    expect(store.getState().canvas.image).toMatchObject({ imageId: 'img-c', label: 'Generated image, seed 3' });
    store.getState().showResult(1);
    expect(store.getState().canvas.image?.imageId).toBe('img-d');
  });

  it('opens a file through openImage and restores the parameters it records into the form', async () => {
    const { fake, store } = await setup();
    fake.answers.openImage = () => ({ imageId: 'img-f', width: 64, height: 48, parameters: { prompt: 'a red circle', seed: 11, steps: 8, sampler: 'euler_a', width: 66 } });
    const bytes = new Uint8Array([...PNG_SIGNATURE, 1, 2, 3]);
    await store.getState().openCanvasFile(new File([bytes], 'shot.png', { type: 'image/png' }));
    expect(fake.calls.find((c) => c.method === 'openImage')!.args).toEqual({ image: { mimeType: 'image/png', base64: Buffer.from(bytes).toString('base64') } });
    expect(store.getState().canvas.image).toMatchObject({ imageId: 'img-f', width: 64, name: 'shot', label: 'Opened image shot.png' });
    store.getState().restoreParameters(store.getState().canvasParameters!);
    expect(store.getState()).toMatchObject({ prompt: 'a red circle', seedMode: 'fixed', seed: 11, steps: 8, scheduler: 'euler_a', width: 64 });
  });

  it('declares a picked file by its bytes: a JPEG named .png goes as image/jpeg, an SVG or garbage named .png never leaves', async () => {
    const { fake, store } = await setup();
    fake.answers.openImage = () => ({ imageId: 'img-j', width: 8, height: 8, parameters: null });
    await store.getState().openCanvasFile(new File([new Uint8Array([...JPEG_SIGNATURE, 0])], 'photo.png', { type: 'image/png' }));
    expect(fake.calls.find((c) => c.method === 'openImage')!.args).toMatchObject({ image: { mimeType: 'image/jpeg' } });
    const svg = new File(['<svg xmlns="http://www.w3.org/2000/svg"/>'], 'drawing.png', { type: 'image/png' });
    await store.getState().openCanvasFile(svg);
    expect(store.getState().error).toMatchObject({ code: 'INVALID_ARGUMENT', message: 'the opened image "drawing.png": got a text (SVG, XML or HTML) file, expected a PNG, JPEG or WebP image' });
    await store.getState().openCanvasFile(new File(['not an image at all'], 'broken.png', { type: 'image/png' }));
    expect(store.getState().error).toMatchObject({ code: 'IMAGE_UNREADABLE', message: 'the opened image "broken.png": got bytes of no image format, expected a PNG, JPEG or WebP image' });
    expect(fake.calls.filter((c) => c.method === 'openImage')).toHaveLength(1);
  });

  it('shows a host refusal of a corrupt file in the banner and keeps the canvas as it was', async () => {
    const { fake, store } = await setup();
    fake.answers.openImage = () => Promise.reject(Object.assign(new Error('the opened image: corrupt'), { code: 'IMAGE_UNREADABLE' }));
    await store.getState().openCanvasFile(new File([new Uint8Array([...PNG_SIGNATURE, 9])], 'bad.png', { type: 'image/png' }));
    expect(store.getState().error).toEqual({ code: 'IMAGE_UNREADABLE', message: 'the opened image: corrupt' });
    expect(store.getState().canvas.image?.imageId).toBe('img-a');
  });

  it('opens a folder in name order and pre-encodes the next images with the SAM model', async () => {
    const { fake, store } = await setup();
    fake.answers.openImage = () => ({ imageId: 'img-f', width: 8, height: 8, parameters: null });
    fake.answers.preEncode = () => ({ imageId: 'img-p', width: 8, height: 8 });
    const file = (name: string) => new File([new Uint8Array([...PNG_SIGNATURE, 1])], name, { type: name.endsWith('.txt') ? 'text/plain' : 'image/png' });
    await store.getState().openCanvasFolder([file('c.png'), file('notes.txt'), file('a.png'), file('b.png'), file('d.png')]);
    expect(store.getState().canvasFolder?.files.map((f) => f.name)).toEqual(['a.png', 'b.png', 'c.png', 'd.png']);
    await new Promise((r) => setTimeout(r, 0));
    expect(fake.calls.filter((c) => c.method === 'preEncode')).toHaveLength(2);
    expect(fake.calls.find((c) => c.method === 'preEncode')!.args).toMatchObject({ modelId: 'demo-pack/demo-sam' });
    await store.getState().showFolderImage(1);
    await new Promise((r) => setTimeout(r, 0));
    // b is shown; c was already encoded, d is new.
    expect(fake.calls.filter((c) => c.method === 'preEncode')).toHaveLength(3);
  });

  it('exports the image, the segment mask and a cut-out rendered by the host with the crop and feather options', async () => {
    const { fake, store } = await setup();
    fake.answers.renderCutout = () => ({ image: png('cut'), width: 6, height: 6, box: { x: 10, y: 8, width: 6, height: 6 } });
    const s = store.getState();
    expect(await s.exportCanvas('image')).toEqual({ fileName: 'pic.png', image: png('picture') });
    expect(await s.exportCanvas('mask')).toBeNull();
    expect(store.getState().error?.message).toMatch(/no mask on the canvas/);
    await s.addSegmentPoint({ x: 12, y: 10, label: 1 });
    expect(await s.exportCanvas('mask')).toEqual({ fileName: 'pic-mask.png', image: png('square') });
    s.setCanvasOptions({ cutoutCrop: true, cutoutFeatherPx: 2 });
    expect(await s.exportCanvas('cutout')).toEqual({ fileName: 'pic-cutout.png', image: png('cut') });
    expect(fake.calls.find((c) => c.method === 'renderCutout')!.args).toEqual({ image: { imageId: 'img-a' }, mask: { image: png('square') }, crop: true, featherPx: 2 });
  });
});
