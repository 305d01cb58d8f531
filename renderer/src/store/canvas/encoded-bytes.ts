// Bytes ↔ the contract's base64 EncodedImage, and the file names exports use. Works in the browser and in
// Node (atob/btoa and Blob are globals in both), so the slice that uses it runs in unit tests.
import type { EncodedImage } from '../../../../native-models/api/index.ts';
import { ownEntry } from '../../../../native-models/core/own-entry.ts';

const MIME_BY_EXTENSION: Record<string, EncodedImage['mimeType']> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', webp: 'image/webp' };

export function bytesToBase64(bytes: Uint8Array): string {
  // btoa takes a binary string; building it in slices keeps the argument lists short for big files.
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

export function encodedToBlob(image: EncodedImage): Blob {
  return new Blob([base64ToBytes(image.base64)], { type: image.mimeType });
}

export function dataUrl(image: EncodedImage): string {
  return `data:${image.mimeType};base64,${image.base64}`;
}

/** The contract's mime type for a picked file: its own type, else its extension; null when unsupported. */
export function mimeTypeOf(file: { name: string; type: string }): EncodedImage['mimeType'] | null {
  const byType = Object.values(MIME_BY_EXTENSION).find((m) => m === file.type);
  if (byType) return byType;
  return ownEntry(MIME_BY_EXTENSION, file.name.toLowerCase().split('.').pop() ?? '') ?? null;
}

/** "holiday.photo.jpg" → "holiday.photo"; used to name exports after their source. */
export function fileStem(name: string): string {
  const dot = name.lastIndexOf('.');
  return (dot > 0 ? name.slice(0, dot) : name).replace(/[^\w.-]+/g, '-').slice(0, 80) || 'image';
}
