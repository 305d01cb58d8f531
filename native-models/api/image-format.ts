// What an encoded image really is, from its first bytes (the signatures decoders go by), so a declared
// mimeType can be checked against the bytes: SVG, HTML or anything else sent as "image/png" is refused at the
// contract's edge instead of reaching a decoder that would read it as what it is.

/** The formats the contract accepts as EncodedImage.mimeType. */
export const ENCODED_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export type EncodedImageType = (typeof ENCODED_IMAGE_TYPES)[number];

/** Enough leading bytes for every signature below (WebP's "RIFF....WEBP" is the longest). */
export const SNIFF_BYTES = 12;

const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));

/** Signatures of the accepted formats and of others worth naming in an error. */
const SIGNATURES: readonly { name: string; type?: EncodedImageType; test: (b: Uint8Array) => boolean }[] = [
  { name: 'PNG', type: 'image/png', test: (b) => [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((v, i) => b[i] === v) },
  { name: 'JPEG', type: 'image/jpeg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { name: 'WebP', type: 'image/webp', test: (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP' },
  { name: 'GIF', test: (b) => ascii(b, 0, 4) === 'GIF8' },
  { name: 'TIFF', test: (b) => ['II*\0', 'MM\0*'].includes(ascii(b, 0, 4)) },
  { name: 'BMP', test: (b) => ascii(b, 0, 2) === 'BM' },
  { name: 'AVIF/HEIF', test: (b) => ascii(b, 4, 8) === 'ftyp' },
  { name: 'text (SVG, XML or HTML)', test: (b) => /^(\uFEFF|\xEF\xBB\xBF)?\s*</.test(ascii(b, 0, b.length)) },
];

export interface SniffedFormat {
  /** "PNG", "text (SVG, XML or HTML)", … or "unknown". */
  name: string;
  /** The contract's mime type when the format is one it accepts. */
  type?: EncodedImageType;
}

export function sniffImageFormat(bytes: Uint8Array): SniffedFormat {
  const found = SIGNATURES.find((s) => s.test(bytes));
  return found ? { name: found.name, ...(found.type ? { type: found.type } : {}) } : { name: 'unknown' };
}

const BASE64_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The first `count` bytes of a base64 string (fewer when it is shorter or holds a non-base64 character). */
export function base64Prefix(base64: string, count: number): Uint8Array {
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of base64) {
    if (out.length >= count) break;
    const digit = BASE64_DIGITS.indexOf(char);
    if (digit < 0) break;
    value = ((value << 6) | digit) & 0xffff; // only the last few bits are still unread
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((value >> bits) & 0xff);
    }
  }
  return Uint8Array.from(out);
}

/** Why the bytes are not the declared type, or undefined when they are. */
export function declaredTypeMismatch(declared: EncodedImageType, base64: string): string | undefined {
  const format = sniffImageFormat(base64Prefix(base64, SNIFF_BYTES));
  if (format.type === declared) return undefined;
  return `got ${format.name} bytes declared as ${declared}, expected ${declared} bytes (declare the type the bytes are: PNG, JPEG or WebP)`;
}
