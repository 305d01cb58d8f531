// The objects slice with a fake host and a fake mask codec: picked regions become the current selection (one
// region's PNG as it is, several as their union), undone in one step and put away with the regions; a named
// object's "Select" makes its mask the selection, and its cut-out goes through the canvas's cut-out export.
import { describe, expect, it } from 'vitest';
import type { EncodedImage, EverythingRegion } from '../../../../native-models/api/index.ts';
import { maskArea, type BinaryMask } from '../../../../native-models/core/mask/binary-mask.ts';
import { chosenCandidate } from '../../../../renderer/src/store/canvas/canvas-state.ts';
import type { MaskCodec } from '../../../../renderer/src/store/canvas/mask-codec.ts';
import { createAppStore } from '../../../../renderer/src/store/create-app-store.ts';
import { diffusionModel, fakeApi } from '../store/fake-api.ts';

const W = 20;
const H = 10;
const png = (tag: string): EncodedImage => ({ mimeType: 'image/png', base64: tag });

/** The left half ("left") and right half ("right") of the image, as masks and as square outlines. */
function half(side: 'left' | 'right'): BinaryMask {
  const data = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) for (let x = 0; x < W / 2; x++) data[y * W + x + (side === 'right' ? W / 2 : 0)] = 1;
  return { width: W, height: H, data };
}
const region = (side: 'left' | 'right', score: number): EverythingRegion => {
  const x0 = side === 'left' ? 0 : W / 2;
  const x1 = x0 + W / 2 - 1;
  return { mask: png(side), outline: [[x0, 0, x1, 0, x1, H - 1, x0, H - 1]], score, stability: 0.95, area: (W / 2) * H, bbox: { x0, y0: 0, x1, y1: H - 1 } };
};

const codec: MaskCodec & { encoded: BinaryMask[] } = {
  encoded: [],
  async decode(image) {
    if (image.base64 !== 'left' && image.base64 !== 'right') throw new Error(`fake codec: unknown mask ${image.base64}`);
    return half(image.base64);
  },
  async encode(mask) {
    codec.encoded.push(mask);
    return png(`union-${maskArea(mask)}`);
  },
};

async function setup() {
  const fake = fakeApi();
  const sam = diffusionModel('demo-pack/demo-sam');
  fake.answers.listModels = () => ({ modelsRoot: '/m', selectedId: null, models: [{ ...sam, report: { ...sam.report, kind: 'sam' as const } }] });
  fake.answers.segmentEverything = () => ({ imageId: 'img-a', width: W, height: H, regions: [region('left', 0.9), region('right', 0.8)] });
  const store = createAppStore(fake.api, { maskCodec: codec });
  await store.getState().loadModels();
  store.getState().loadCanvasImage({ imageId: 'img-a', image: png('picture'), width: W, height: H }, { name: 'pic' });
  store.getState().setCanvasTool('segment');
  await store.getState().segmentEverything();
  return { fake, store };
}

describe('objects slice: picked regions are the selection', () => {
  it('a click makes the region the selection, shift-click the union; one undo step each; a miss clears both', async () => {
    const { store } = await setup();
    const s = store.getState();
    await s.pickRegionAt({ x: 3, y: 5 }, false);
    expect(store.getState().canvas.picked).toEqual([0]);
    expect(chosenCandidate(store.getState().canvas)).toEqual({ kind: 'Picked', mask: png('left'), score: 0.9, area: 100 });

    await s.pickRegionAt({ x: 15, y: 5 }, true);
    expect(store.getState().canvas.picked).toEqual([0, 1]);
    expect(codec.encoded.at(-1)!.data.every((v) => v === 1)).toBe(true);
    expect(chosenCandidate(store.getState().canvas)).toEqual({ kind: 'Picked', mask: png('union-200'), score: 0.8, area: 200 });

    s.undoCanvas();
    expect(store.getState().canvas.picked).toEqual([0]);
    expect(chosenCandidate(store.getState().canvas)?.mask).toEqual(png('left'));

    await s.pickRegionAt({ x: 30, y: 5 }, false);
    expect(store.getState().canvas.picked).toEqual([]);
    expect(store.getState().canvas.candidates).toEqual([]);
  });

  it('"Use as inpainting mask" takes the picked selection; keeping the picks puts the selection away with the regions', async () => {
    const { store } = await setup();
    const s = store.getState();
    await s.pickRegionAt({ x: 15, y: 5 }, false);
    await s.useSegmentAsMask();
    expect(maskArea(store.getState().canvas.mask!)).toBe(100);
    expect(store.getState().canvas.mask!.data[5 * W + 15]).toBe(1);
    expect(store.getState().canvas.mask!.data[5 * W + 3]).toBe(0);

    s.undoCanvas();
    s.keepRegions('picked');
    expect(store.getState().canvas.objects).toHaveLength(1);
    expect(store.getState().canvas.candidates).toEqual([]);
  });
});

describe('objects slice: one object', () => {
  it("Select makes the object's mask the selection (undoable); its cut-out goes through the cut-out export with its name", async () => {
    const { fake, store } = await setup();
    fake.answers.renderCutout = () => ({ image: png('cut'), width: W, height: H, box: { x: 0, y: 0, width: W, height: H } });
    const s = store.getState();
    s.keepRegions('all');
    const [, right] = store.getState().canvas.objects;
    s.selectObject(right!.id);
    expect(chosenCandidate(store.getState().canvas)).toMatchObject({ kind: 'Object', mask: png('right'), area: 100 });
    s.undoCanvas();
    expect(store.getState().canvas.candidates).toEqual([]);

    s.setCanvasOptions({ cutoutCrop: true, cutoutFeatherPx: 1 });
    expect(await s.exportObjectCutout(right!.id)).toEqual({ fileName: 'pic-object-2-cutout.png', image: png('cut') });
    expect(fake.calls.find((c) => c.method === 'renderCutout')!.args).toEqual({ image: { imageId: 'img-a' }, mask: { image: png('right') }, crop: true, featherPx: 1 });
  });

  it("exports one object's annotation alone, named after the image and the object", async () => {
    const { fake, store } = await setup();
    fake.answers.exportAnnotations = () => ({ files: [{ path: 'instances.json', text: '{}' }] });
    const s = store.getState();
    s.keepRegions('all');
    const [, right] = store.getState().canvas.objects;
    expect(await s.exportObjects('coco', right!.id)).toEqual([{ path: 'pic-object-2-instances.json', text: '{}' }]);
    expect(fake.calls.find((c) => c.method === 'exportAnnotations')!.args).toMatchObject({ objects: [{ name: 'object 2', mask: png('right') }], format: 'coco' });
    expect(await s.exportObjects('coco')).toEqual([{ path: 'pic-instances.json', text: '{}' }]);
  });
});
