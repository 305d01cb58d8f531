// Reads and writes PNG text chunks (tEXt, zTXt, iTXt) on encoded PNG bytes, without re-encoding pixels.
//
// Writing: tEXt when the text is plain ASCII (what other tools read most widely), else iTXt with UTF-8
// (as PIL's PngInfo.add_text falls back to), so prompts such as "猫" or emoji survive. Reading: iTXt is
// UTF-8; zTXt and tEXt are Latin-1 by the spec, but some tools put UTF-8 bytes in tEXt anyway, so tEXt
// bytes that form valid UTF-8 are read as UTF-8 (Latin-1 text almost never does). Writing only ASCII as
// tEXt keeps that guess from ever misreading our own files.

import { inflateSync } from 'node:zlib';
import extractChunks from 'png-chunks-extract';
import encodeChunks from 'png-chunks-encode';
import { encode as encodeTextChunkLatin1 } from 'png-chunk-text';
import { TesseraError } from '../../api/errors.ts';

export interface PngTextChunk {
  keyword: string;
  text: string;
  type: 'tEXt' | 'zTXt' | 'iTXt';
}

interface RawChunk {
  name: string;
  data: Uint8Array;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const TEXT_TYPES = new Set(['tEXt', 'zTXt', 'iTXt']);

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}

/** Every text chunk, in file order. Throws IMAGE_UNREADABLE for a damaged PNG. */
export function readPngTextChunks(png: Uint8Array): PngTextChunk[] {
  const out: PngTextChunk[] = [];
  for (const chunk of splitChunks(png)) {
    if (!TEXT_TYPES.has(chunk.name)) continue;
    const decoded = decodeTextChunk(chunk);
    if (decoded) out.push(decoded);
  }
  return out;
}

/**
 * Returns new PNG bytes with the given text chunks placed right after IHDR (before the pixels, where
 * even readers that stop at the image data find them), first removing chunks with the same keywords.
 */
export function setPngTextChunks(png: Uint8Array, entries: readonly { keyword: string; text: string }[]): Uint8Array {
  const chunks = splitChunks(png);
  const replaced = new Set(entries.map((e) => e.keyword));
  const kept = chunks.filter((c) => !(TEXT_TYPES.has(c.name) && replaced.has(decodeTextChunk(c)?.keyword ?? '')));
  const added = entries.map((e) => encodeTextChunk(e.keyword, e.text));
  return encodeChunks([kept[0], ...added, ...kept.slice(1)]);
}

/** tEXt for ASCII text, iTXt (uncompressed UTF-8) otherwise. */
export function encodeTextChunk(keyword: string, text: string): RawChunk {
  if (!/^[\x20-\x7e\xa1-\xff]{1,79}$/.test(keyword)) {
    throw new TesseraError('INVALID_ARGUMENT', `PNG text keyword: got "${keyword}", expected 1–79 printable Latin-1 characters`);
  }
  if (text.includes('\0')) {
    throw new TesseraError('INVALID_ARGUMENT', `PNG text for "${keyword}": got a NUL character, expected text without NUL`);
  }
  // eslint-disable-next-line no-control-regex -- ASCII is exactly U+0000..U+007F
  if (/^[\x00-\x7f]+$/.test(text)) return encodeTextChunkLatin1(keyword, text);
  if (text === '') return { name: 'tEXt', data: latin1Bytes(`${keyword}\0`) }; // png-chunk-text refuses empty text
  const key = latin1Bytes(keyword);
  const body = new TextEncoder().encode(text);
  // keyword \0, compression flag 0, method 0, empty language tag \0, empty translated keyword \0, text
  const data = new Uint8Array(key.length + 5 + body.length);
  data.set(key, 0);
  data.set(body, key.length + 5);
  return { name: 'iTXt', data };
}

function splitChunks(png: Uint8Array): RawChunk[] {
  if (!isPng(png)) throw new TesseraError('IMAGE_UNREADABLE', 'PNG metadata: got bytes without the PNG signature, expected a PNG file');
  try {
    return extractChunks(png);
  } catch (error) {
    throw new TesseraError('IMAGE_UNREADABLE', `PNG metadata: cannot read the chunks (${(error as Error).message})`);
  }
}

function decodeTextChunk(chunk: RawChunk): PngTextChunk | null {
  const d = chunk.data;
  const nul = d.indexOf(0);
  if (nul <= 0) return null; // no keyword: not a usable text chunk
  const keyword = latin1(d.subarray(0, nul));
  try {
    if (chunk.name === 'tEXt') return { keyword, text: textBytes(d.subarray(nul + 1)), type: 'tEXt' };
    if (chunk.name === 'zTXt') return { keyword, text: latin1(inflateSync(d.subarray(nul + 2))), type: 'zTXt' };
    const compressed = d[nul + 1] === 1;
    const langEnd = d.indexOf(0, nul + 3);
    const transEnd = langEnd < 0 ? -1 : d.indexOf(0, langEnd + 1);
    if (transEnd < 0) return null;
    const body = d.subarray(transEnd + 1);
    const text = new TextDecoder('utf-8').decode(compressed ? inflateSync(body) : body);
    return { keyword, text, type: 'iTXt' };
  } catch {
    return null; // a damaged compressed text chunk does not make the image unreadable
  }
}

function textBytes(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return latin1(bytes);
  }
}

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
  return s;
}

function latin1Bytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}
