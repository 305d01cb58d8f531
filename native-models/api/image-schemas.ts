// Images on the wire: encoded files as base64 (one form for both transports; IPC and JSON both carry strings),
// and image ids for pictures the host already holds (results, opened files) so they are not sent twice.
import { z } from 'zod';
import { ENCODED_IMAGE_TYPES, declaredTypeMismatch } from './image-format.ts';

/**
 * Default largest width × height of an image Tessera decodes: 64 megapixels (8192 × 8192 = 67,108,864), about
 * 270 MB as RGBA. A 16000×16000 PNG can be a few hundred KB and take 9 GB to decode; the limit is read from the
 * header before any pixel is. Raised with Settings.maxPixels or the CLI's --max-pixels.
 */
export const DEFAULT_MAX_PIXELS = 8192 * 8192;

/** A pixel limit: at least 1 px, at most 2^32 (sharp's own ceiling is far above what fits in memory). */
export const MaxPixelsSchema = z.number().int().min(1).max(2 ** 32);

/** 64 MiB of base64 ≈ 48 MiB of file: above any image the engine accepts (sharp's pixel limit applies later). */
const MAX_BASE64_CHARS = 64 * 1024 * 1024;

export const EncodedImageSchema = z
  .strictObject({
    mimeType: z.enum(ENCODED_IMAGE_TYPES),
    base64: z.string().min(1).max(MAX_BASE64_CHARS),
  })
  .superRefine((image, context) => {
    // The declared type must be what the bytes are (an SVG sent as image/png is refused here, on both transports).
    const mismatch = declaredTypeMismatch(image.mimeType, image.base64);
    if (mismatch) context.addIssue({ code: 'custom', path: ['mimeType'], message: mismatch });
  });
export type EncodedImage = z.infer<typeof EncodedImageSchema>;

/** An image the host keeps (a result, an opened file), named by the id it handed out. */
export const ImageIdSchema = z.string().regex(/^img-[A-Za-z0-9_-]{1,64}$/, { message: 'expected an image id such as "img-…" handed out by the host' });

/** Either an image the host already has, or the encoded bytes. */
export const ImageRefSchema = z.union([z.strictObject({ imageId: ImageIdSchema }), z.strictObject({ image: EncodedImageSchema })]);
export type ImageRef = z.infer<typeof ImageRefSchema>;
