// Test helper: masks drawn as ASCII art ('#' = foreground, anything else = background), and back.

import type { BinaryMask } from '../../../../native-models/core/mask/binary-mask.ts';

export function drawMask(rows: readonly string[]): BinaryMask {
  const height = rows.length;
  const width = height === 0 ? 0 : rows[0].length;
  const data = new Uint8Array(width * height);
  rows.forEach((row, y) => {
    for (let x = 0; x < width; x++) data[y * width + x] = row[x] === '#' ? 1 : 0;
  });
  return { width, height, data };
}

export function maskRows(mask: BinaryMask): string[] {
  const rows: string[] = [];
  for (let y = 0; y < mask.height; y++) {
    let row = '';
    for (let x = 0; x < mask.width; x++) row += mask.data[y * mask.width + x] ? '#' : '.';
    rows.push(row);
  }
  return rows;
}

/** A filled disc of radius r centred at (cx, cy), pixel centres inside. */
export function discMask(width: number, height: number, cx: number, cy: number, r: number): BinaryMask {
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if ((x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 <= r * r) data[y * width + x] = 1;
    }
  }
  return { width, height, data };
}
