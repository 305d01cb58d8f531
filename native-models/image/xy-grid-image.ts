// The X/Y plot's one picture: every cell's image in its place, the x values as column headers above, the y values
// as row labels to the left, drawn with sharp (text as an SVG overlay: no font files of our own). A cell not made
// (the grid was cancelled) is a grey square, so a partial grid still shows which settings are missing.
import sharp, { type OverlayOptions } from 'sharp';

export interface GridLabels {
  xTitle: string;
  yTitle: string | null;
  columnLabels: readonly string[];
  rowLabels: readonly string[];
}

export interface GridLayout {
  width: number;
  height: number;
  /** Header band above the cells and label column to their left (0 without a y axis). */
  top: number;
  left: number;
  cellWidth: number;
  cellHeight: number;
  /** Cell (column, row)'s top-left corner in the grid. */
  origin(column: number, row: number): { x: number; y: number };
}

const FONT_PX = 14;
/** DejaVu/Liberation Sans average advance is about 0.6 em: enough to size the label column and cut long labels. */
const CHAR_PX = FONT_PX * 0.6;
const HEADER_PX = 32;
const LABEL_COLUMN_MAX_PX = 320;
const PAD_PX = 8;
export const MISSING_CELL_GREY = 128;

/** "Steps: 10"; a value alone where the axis has no title. */
export function headerText(title: string | null, label: string): string {
  return title ? `${title}: ${label}` : label;
}

export function gridLayout(labels: GridLabels, cellWidth: number, cellHeight: number): GridLayout {
  const columns = labels.columnLabels.length;
  const rows = labels.rowLabels.length;
  const longestRow = Math.max(...labels.rowLabels.map((l) => headerText(labels.yTitle, l).length));
  const left = labels.yTitle === null ? 0 : Math.min(LABEL_COLUMN_MAX_PX, Math.ceil(longestRow * CHAR_PX) + 2 * PAD_PX);
  const top = HEADER_PX;
  return {
    width: left + columns * cellWidth,
    height: top + rows * cellHeight,
    top,
    left,
    cellWidth,
    cellHeight,
    origin: (column, row) => ({ x: left + column * cellWidth, y: top + row * cellHeight }),
  };
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** "Steps: 10" where it fits in `px`, else the value alone, cut with an ellipsis if even that is too long. */
function fitted(title: string | null, label: string, px: number): string {
  const room = Math.max(1, Math.floor((px - 2 * PAD_PX) / CHAR_PX));
  const full = headerText(title, label);
  if (full.length <= room) return full;
  return label.length <= room ? label : `${label.slice(0, Math.max(1, room - 1))}…`;
}

function labelsSvg(labels: GridLabels, layout: GridLayout): Buffer {
  const texts: string[] = [];
  const baseline = Math.round(layout.top / 2 + FONT_PX * 0.35);
  labels.columnLabels.forEach((label, column) => {
    const { x } = layout.origin(column, 0);
    texts.push(`<text x="${x + layout.cellWidth / 2}" y="${baseline}" text-anchor="middle">${escapeXml(fitted(labels.xTitle, label, layout.cellWidth))}</text>`);
  });
  if (labels.yTitle !== null) {
    labels.rowLabels.forEach((label, row) => {
      const { y } = layout.origin(0, row);
      texts.push(`<text x="${layout.left - PAD_PX}" y="${Math.round(y + layout.cellHeight / 2 + FONT_PX * 0.35)}" text-anchor="end">${escapeXml(fitted(labels.yTitle, label, layout.left))}</text>`);
    });
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${layout.width}" height="${layout.height}"><g font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif" font-size="${FONT_PX}" fill="#111">${texts.join('')}</g></svg>`;
  return Buffer.from(svg);
}

/**
 * The grid PNG (RGB, no metadata): `cells[index]` (index = row × columns + column) is a cell's PNG, or null for a
 * cell not made. Every cell must be cellWidth × cellHeight.
 */
export async function renderGridImage(labels: GridLabels, cellWidth: number, cellHeight: number, cells: readonly (Uint8Array | null)[]): Promise<Uint8Array> {
  const layout = gridLayout(labels, cellWidth, cellHeight);
  const columns = labels.columnLabels.length;
  const grey = { r: MISSING_CELL_GREY, g: MISSING_CELL_GREY, b: MISSING_CELL_GREY };
  const missing = await sharp({ create: { width: cellWidth, height: cellHeight, channels: 3, background: grey } }).png().toBuffer();
  const composites: OverlayOptions[] = [];
  for (let index = 0; index < columns * labels.rowLabels.length; index++) {
    const { x, y } = layout.origin(index % columns, Math.floor(index / columns));
    composites.push({ input: cells[index] ? Buffer.from(cells[index]!) : missing, left: x, top: y });
  }
  composites.push({ input: labelsSvg(labels, layout), left: 0, top: 0 });
  const png = await sharp({ create: { width: layout.width, height: layout.height, channels: 3, background: '#ffffff' } })
    .composite(composites)
    .removeAlpha()
    .png()
    .toBuffer();
  return new Uint8Array(png.buffer, png.byteOffset, png.length);
}
