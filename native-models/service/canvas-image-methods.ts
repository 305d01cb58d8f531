// The canvas's host methods: open an image file (decode check + recorded parameters), pre-encode a folder's
// next images for SAM in the background, and render a transparent cut-out. TesseraService delegates here.
import { TesseraError } from '../api/errors.ts';
import type { EncodedImage } from '../api/image-schemas.ts';
import type { ApiParsedArgs, ApiResult } from '../api/api-methods.ts';
import { maskFromGray } from '../core/mask/binary-mask.ts';
import { composeCutout } from '../image/cutout.ts';
import { decodeImage, decodeRgb } from '../image/decode-image.ts';
import { decodeMask } from '../image/decode-mask.ts';
import { encodePng } from '../image/encode-png.ts';
import { cocoFileText, yoloFiles } from '../pipelines/segment/annotation-files.ts';
import { readGenerationParameters } from '../image/png-metadata/generation-metadata.ts';
import type { EngineBackends } from './engine-backends.ts';
import type { ImageStore } from './image-store.ts';
import type { ModelRegistry } from './model-registry.ts';
import type { ProviderSelector } from './provider-selector.ts';

function bytesOf(image: EncodedImage): Uint8Array {
  const buffer = Buffer.from(image.base64, 'base64');
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length);
}

export class CanvasImageMethods {
  /** Pre-encodes run one after another, behind each other, so a folder's look-ahead never floods the CPU. */
  private background: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly images: ImageStore,
    private readonly registry: ModelRegistry,
    private readonly backends: EngineBackends,
    private readonly providers: ProviderSelector,
  ) {}

  /** Decodes the whole file (so a truncated one fails now, not on the first click) and reads its parameters. */
  async openImage({ image }: ApiParsedArgs<'openImage'>): Promise<ApiResult<'openImage'>> {
    const bytes = bytesOf(image);
    const decoded = await decodeImage(bytes, { name: 'the opened image' });
    const metadata = readGenerationParameters(bytes);
    return { imageId: this.images.put(image), width: decoded.width, height: decoded.height, parameters: metadata?.parameters ?? null };
  }

  async preEncode({ modelId, image }: ApiParsedArgs<'preEncode'>): Promise<ApiResult<'preEncode'>> {
    const modelDir = await this.registry.pathOf(modelId);
    const report = await this.backends.inspectModel(modelDir);
    if (report.kind !== 'sam') throw new TesseraError('INVALID_ARGUMENT', `preEncode: got ${modelId}, a ${report.kind} model, expected a Segment Anything model`);
    const resolved = this.images.resolve(image);
    const run = this.background.then(async () => {
      const provider = await this.providers.providerFor(report, modelDir);
      return this.backends.preEncode({ modelDir, provider, ...resolved });
    });
    this.background = run.catch(() => undefined); // the caller gets the error; the chain goes on
    const size = await run;
    return { imageId: resolved.imageId, ...size };
  }

  /** One image's named objects as the files the CLI's --coco / --yolo write (the same builders). */
  async exportAnnotations({ image, fileName, objects, format, cocoSegmentation }: ApiParsedArgs<'exportAnnotations'>): Promise<ApiResult<'exportAnnotations'>> {
    const source = await decodeRgb(bytesOf(this.images.resolve(image).image), { name: 'annotated image' });
    const annotated = {
      fileName,
      width: source.width,
      height: source.height,
      objects: await Promise.all(
        objects.map(async (o) => {
          const gray = await decodeMask(bytesOf(o.mask), source, { name: `mask of "${o.name}"` });
          return { name: o.name, mask: maskFromGray(gray.width, gray.height, gray.data) };
        }),
      ),
    };
    if (format === 'coco') return { files: [{ path: 'instances.json', text: cocoFileText([annotated], cocoSegmentation) }] };
    return { files: yoloFiles([annotated]) };
  }

  async renderCutout({ image, mask, crop, featherPx }: ApiParsedArgs<'renderCutout'>): Promise<ApiResult<'renderCutout'>> {
    const source = await decodeRgb(bytesOf(this.images.resolve(image).image), { name: 'cut-out image' });
    const gray = await decodeMask(bytesOf(this.images.resolve(mask).image), source, { name: 'cut-out mask' });
    const cutout = composeCutout(source, maskFromGray(gray.width, gray.height, gray.data), { crop, featherPx });
    const png = await encodePng(cutout.image);
    return {
      image: { mimeType: 'image/png', base64: Buffer.from(png).toString('base64') },
      width: cutout.image.width,
      height: cutout.image.height,
      box: cutout.box,
    };
  }
}
