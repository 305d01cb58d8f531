// Getting pictures out of the browser: a download with a file name (the web host's "save"; Electron shows its
// save dialog for downloads), and the clipboard, which takes PNG only.
import { TesseraError } from '../../../../native-models/api/errors.ts';
import type { EncodedImage } from '../../../../native-models/api/index.ts';
import type { ExportFile } from '../../store/canvas/canvas-state.ts';
import { encodedToBlob } from '../../store/canvas/encoded-bytes.ts';

export function downloadFile(file: ExportFile): void {
  downloadBlob(file.fileName, encodedToBlob(file.image));
}

/** Text files (annotation exports) as downloads; a path's folders become part of the name (browsers drop them). */
export function downloadText(filePath: string, text: string, type = 'text/plain'): void {
  downloadBlob(filePath.replaceAll('/', '_'), new Blob([text], { type: `${type};charset=utf-8` }));
}

function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the URL by now; a delay keeps slow browsers from losing it.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function pngBlob(image: EncodedImage): Promise<Blob> {
  if (image.mimeType === 'image/png') return encodedToBlob(image);
  const bitmap = await createImageBitmap(encodedToBlob(image));
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0);
  bitmap.close();
  return canvas.convertToBlob({ type: 'image/png' });
}

export async function copyImageToClipboard(image: EncodedImage): Promise<void> {
  if (!navigator.clipboard?.write || typeof ClipboardItem === 'undefined') {
    throw new TesseraError('UNSUPPORTED', 'copy to clipboard: got a page without the async clipboard API, expected navigator.clipboard.write (a secure context); use Save image instead');
  }
  try {
    await navigator.clipboard.write([new ClipboardItem({ 'image/png': pngBlob(image) })]);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new TesseraError('UNSUPPORTED', `copy to clipboard: the browser refused (${why}), expected permission to write an image; use Save image instead`);
  }
}
