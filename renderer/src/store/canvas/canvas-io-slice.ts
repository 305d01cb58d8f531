// What goes in and out of the canvas: opened files and folders (with background pre-encoding of the next
// images), generation results landing on it, inpaint / image-to-image runs from it, and the files it exports.
import type { StateCreator } from 'zustand/vanilla';
import type { EncodedImage, GenerateParams, TesseraApi } from '../../../../native-models/api/index.ts';
import { TesseraError, type ErrorCode } from '../../../../native-models/api/errors.ts';
import { sniffImageFormat } from '../../../../native-models/api/image-format.ts';
import { maskArea } from '../../../../native-models/core/mask/binary-mask.ts';
import { outpaintLayout } from '../../../../native-models/core/geometry/outpaint-layout.ts';
import { OUTPAINT_DEFAULTS, OUTPAINT_MAX_EXTEND } from '../../../../native-models/api/outpaint-hires-defaults.ts';
import { isGenerating, type AppState } from '../app-state.ts';
import { chosenCandidate, type CanvasFolder, type CanvasIoSlice, type CanvasRunKind } from './canvas-state.ts';
import { bytesToBase64, fileStem, mimeTypeOf } from './encoded-bytes.ts';
import type { MaskCodec } from './mask-codec.ts';
import { segmentModelOf } from './segment-prompts.ts';
import { upscalerOf } from './upscaler-choice.ts';

/** How many of a folder's next images are encoded ahead of the user. */
export const PRE_ENCODE_AHEAD = 2;

const RESULT_LABELS: Record<CanvasRunKind | 'generate', string> = { generate: 'Generated image', inpaint: 'Inpainted image', img2img: 'Image to image result', outpaint: 'Outpainted image' };

function fail(code: ErrorCode, message: string): never {
  throw new TesseraError(code, message);
}

/** Keeps the canvas in step with the generate slice; called by the store on every change. */
export function syncCanvasWithGeneration(state: AppState, previous: AppState): void {
  if (state.results !== previous.results && state.results.length > 0) state.receiveResults(state.results);
  else if (state.canvasRun && state.status !== previous.status && (state.status === 'failed' || state.status === 'cancelled')) state.endCanvasRun();
}

export function createCanvasIoSlice(api: TesseraApi, codec: MaskCodec): StateCreator<AppState, [], [], CanvasIoSlice> {
  return (set, get) => {
    const preEncoded = new WeakSet<File>();

    const readFile = async (file: File): Promise<EncodedImage> => {
      // Declared by what the bytes are (the host refuses a mismatch), so a JPEG saved as .png still opens.
      const bytes = new Uint8Array(await file.arrayBuffer());
      const format = sniffImageFormat(bytes);
      if (format.type) return { mimeType: format.type, base64: bytesToBase64(bytes) };
      if (format.name === 'unknown') fail('IMAGE_UNREADABLE', `the opened image "${file.name}": got bytes of no image format, expected a PNG, JPEG or WebP image`);
      return fail('INVALID_ARGUMENT', `the opened image "${file.name}": got a ${format.name} file, expected a PNG, JPEG or WebP image`);
    };

    /** Encodes the folder's next images one by one, so their first click is instant. */
    const preEncodeAhead = async (folder: CanvasFolder) => {
      const modelId = segmentModelOf(get());
      if (!modelId) return;
      for (const file of folder.files.slice(folder.index + 1, folder.index + 1 + PRE_ENCODE_AHEAD)) {
        if (preEncoded.has(file) || get().canvasFolder?.files !== folder.files) continue;
        preEncoded.add(file);
        try {
          await api.preEncode({ modelId, image: { image: await readFile(file) } });
        } catch (error) {
          get().showError(error);
        }
      }
    };

    /** Outpaint: any image size; the host gets the extended size the engine expects (the same outpaintLayout). */
    const runOutpaint = async (image: { imageId: string; width: number; height: number }) => {
      const { outpaintSide, outpaintPx, outpaintOverlap } = get();
      if (!Number.isInteger(outpaintPx) || outpaintPx < 1 || outpaintPx > OUTPAINT_MAX_EXTEND) fail('INVALID_ARGUMENT', `outpaint pixels: got ${outpaintPx}, expected a whole number from 1 to ${OUTPAINT_MAX_EXTEND}`);
      const sides = { left: 0, right: 0, top: 0, bottom: 0, [outpaintSide]: outpaintPx };
      const layout = outpaintLayout(image.width, image.height, sides);
      const before = get().results;
      set({ canvasRun: 'outpaint' });
      await get().startGeneration({ width: layout.width, height: layout.height, count: 1, initImage: { imageId: image.imageId }, outpaint: { ...sides, overlap: outpaintOverlap } });
      if (!isGenerating(get().status) && get().results === before) set({ canvasRun: null });
    };

    const maskForExport = async (): Promise<EncodedImage> => {
      const { canvas } = get();
      const candidate = chosenCandidate(canvas);
      if (candidate) return candidate.mask;
      if (canvas.mask && maskArea(canvas.mask) > 0) return codec.encode(canvas.mask);
      return fail('INVALID_ARGUMENT', 'no mask on the canvas, expected a segment selection or a painted mask');
    };

    return {
      canvasRun: null,
      strength: 0.6,
      cutoutCrop: false,
      cutoutFeatherPx: 0,
      outpaintSide: 'right',
      outpaintPx: 64,
      outpaintOverlap: OUTPAINT_DEFAULTS.overlap,
      upscaleModelId: null,
      upscaling: false,
      canvasParameters: null,
      canvasFolder: null,

      setCanvasOptions: (options) => set(options),

      async openCanvasFile(file) {
        try {
          const image = await readFile(file);
          const opened = await api.openImage({ image });
          get().loadCanvasImage({ imageId: opened.imageId, image, width: opened.width, height: opened.height }, { label: `Opened image ${file.name}`, name: fileStem(file.name) });
          set({ canvasParameters: opened.parameters });
        } catch (error) {
          get().showError(error);
        }
      },
      async openCanvasFolder(files) {
        // webkitRelativePath (folder inputs) is DOM-only; the Node type profile does not know it.
        const pathOf = (f: File) => (f as File & { webkitRelativePath?: string }).webkitRelativePath || f.name;
        const images = files.filter((f) => mimeTypeOf(f) !== null).sort((a, b) => pathOf(a).localeCompare(pathOf(b)));
        if (images.length === 0) {
          get().showError({ code: 'INVALID_ARGUMENT', message: `got ${files.length} files and none is a PNG, JPEG or WebP image, expected a folder of images` });
          return;
        }
        set({ canvasFolder: { files: images, index: 0 } });
        await get().showFolderImage(0);
      },
      async showFolderImage(index) {
        const folder = get().canvasFolder;
        if (!folder || index < 0 || index >= folder.files.length) return;
        const next = { files: folder.files, index };
        set({ canvasFolder: next });
        await get().openCanvasFile(folder.files[index]!);
        void preEncodeAhead(next);
      },

      async runCanvasGeneration(kind) {
        const state = get();
        const { image, mask } = state.canvas;
        try {
          if (!image) fail('INVALID_ARGUMENT', 'no image on the canvas, expected one generated or opened first');
          if (kind === 'outpaint') {
            await runOutpaint(image);
            return;
          }
          if (image.width % 8 !== 0 || image.height % 8 !== 0) fail('INVALID_ARGUMENT', `canvas image: got ${image.width}×${image.height}, expected both sides multiples of 8 (latents are 1/8 of the image)`);
          if (kind === 'inpaint' && (!mask || maskArea(mask) === 0)) fail('INVALID_ARGUMENT', 'no inpainting mask, expected one painted with the Brush or made with "Use as inpainting mask"');
          const overrides: Partial<GenerateParams> = {
            width: image.width,
            height: image.height,
            count: 1,
            initImage: { imageId: image.imageId },
            ...(kind === 'inpaint' ? { mask: { image: await codec.encode(mask!) } } : { strength: state.strength }),
          };
          const before = state.results;
          set({ canvasRun: kind });
          await get().startGeneration(overrides);
          // Refused before it started (form invalid, host error): nothing will arrive for this run.
          if (!isGenerating(get().status) && get().results === before) set({ canvasRun: null });
        } catch (error) {
          set({ canvasRun: null });
          get().showError(error);
        }
      },
      async upscaleCanvas() {
        const { canvas, models, upscaleModelId } = get();
        try {
          const image = canvas.image ?? fail('INVALID_ARGUMENT', 'no image on the canvas, expected one generated or opened first');
          const modelId = upscalerOf(models, upscaleModelId) ?? fail('MODEL_NOT_FOUND', 'no upscaler model installed, expected one (Real-ESRGAN-style ONNX) in the models folder');
          set({ upscaling: true });
          const result = await api.upscaleImage({ modelId, image: { imageId: image.imageId }, saveToGallery: true });
          const names = { label: `Upscaled image ×${result.scale}`, name: `${image.name}-x${result.scale}` };
          get().editCanvas({ image: { imageId: result.upscaledImageId, image: result.image, width: result.width, height: result.height, ...names }, points: [], box: null, candidates: [], chosen: 0, mask: null, subjectMask: null, regions: [], picked: [], objects: [] });
          get().fitCanvas();
        } catch (error) {
          get().showError(error);
        } finally {
          set({ upscaling: false });
        }
      },
      receiveResults(results) {
        const first = results[0];
        if (!first) return;
        const kind = get().canvasRun ?? 'generate';
        const names = { label: `${RESULT_LABELS[kind]}, seed ${first.seed}`, name: `tessera-${kind}-${first.seed}` };
        if (kind === 'generate') {
          get().loadCanvasImage(first, names);
          return;
        }
        // In place: same view, the mask and objects kept for another try, the old image one undo away. An outpainted
        // image has a new size: the old mask, selection and objects no longer fit it.
        set({ canvasRun: null, maskVisible: false });
        const resized = kind === 'outpaint' ? { mask: null, subjectMask: null, objects: [] } : {};
        get().editCanvas({ image: { imageId: first.imageId, image: first.image, width: first.width, height: first.height, ...names }, points: [], box: null, candidates: [], chosen: 0, regions: [], picked: [], ...resized });
        if (kind === 'outpaint') get().fitCanvas();
      },
      showResult(index) {
        const result = get().results[index];
        if (result) get().loadCanvasImage(result, { label: `${RESULT_LABELS.generate}, seed ${result.seed}`, name: `tessera-generate-${result.seed}` });
      },
      endCanvasRun: () => set({ canvasRun: null }),

      async exportCanvas(kind, only) {
        const { canvas, cutoutCrop, cutoutFeatherPx } = get();
        try {
          const image = canvas.image ?? fail('INVALID_ARGUMENT', 'no image on the canvas, expected one generated or opened first');
          if (kind === 'image') return { fileName: `${image.name}.${image.image.mimeType.split('/')[1]!.replace('jpeg', 'jpg')}`, image: image.image };
          const mask = only?.mask ?? (await maskForExport());
          const stem = only ? `${image.name}-${only.name}` : image.name;
          if (kind === 'mask') return { fileName: `${stem}-mask.png`, image: mask };
          const cutout = await api.renderCutout({ image: { imageId: image.imageId }, mask: { image: mask }, crop: cutoutCrop, featherPx: cutoutFeatherPx });
          return { fileName: `${stem}-cutout.png`, image: cutout.image };
        } catch (error) {
          get().showError(error);
          return null;
        }
      },
    };
  };
}
