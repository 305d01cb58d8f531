// Traces the exact pixel-edge boundaries of a mask as closed rings with vertices on pixel corners.
//
// Every edge between a foreground pixel and background (or the image border) is directed so that the
// foreground lies on its right when walking it in image coordinates (x right, y down). Outer boundaries
// therefore run clockwise on screen and holes anticlockwise. Where two foreground pixels touch only at a
// corner, the trace turns right (hugging the current pixel), so each 4-connected region gets its own ring.
// Filling the rings with the even-odd rule at pixel centres gives back the mask exactly.

import type { BinaryMask } from './binary-mask.ts';

// Directions in the order of a right turn on screen: +x, +y, -x, -y.
const DX = [1, 0, -1, 0];
const DY = [0, 1, 0, -1];

/** Closed rings `[x0, y0, x1, y1, ...]` (first vertex not repeated), corners only, in pixel-corner units. */
export function traceMaskBoundaries(mask: BinaryMask): number[][] {
  const { width, height, data } = mask;
  const vw = width + 1;
  const at = (x: number, y: number): boolean => x >= 0 && y >= 0 && x < width && y < height && data[y * width + x] !== 0;

  // out[v] holds a bit per direction for the directed boundary edges leaving corner v.
  const out = new Uint8Array(vw * (height + 1));
  let edgeCount = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (data[y * width + x] === 0) continue;
      if (!at(x, y - 1)) { out[y * vw + x] |= 1 << 0; edgeCount++; } // top edge, walking +x
      if (!at(x + 1, y)) { out[y * vw + x + 1] |= 1 << 1; edgeCount++; } // right edge, walking +y
      if (!at(x, y + 1)) { out[(y + 1) * vw + x + 1] |= 1 << 2; edgeCount++; } // bottom edge, walking -x
      if (!at(x - 1, y)) { out[(y + 1) * vw + x] |= 1 << 3; edgeCount++; } // left edge, walking -y
    }
  }

  // The turn rule reads the original edge set, so "next edge" is a fixed permutation of the edges and
  // each ring is one of its cycles: walk until the start edge comes round again.
  const edges = out.slice();
  const rings: number[][] = [];
  for (let start = 0; start < out.length && edgeCount > 0; start++) {
    while (out[start] !== 0) {
      const ring: number[] = [];
      const startDir = lowestBit(out[start]);
      let vx = start % vw;
      let vy = (start - vx) / vw;
      let v = start;
      let dir = startDir;
      let prevDir = -1;
      do {
        out[v] &= ~(1 << dir);
        edgeCount--;
        if (dir !== prevDir) ring.push(vx, vy);
        prevDir = dir;
        vx += DX[dir];
        vy += DY[dir];
        v = vy * vw + vx;
        dir = nextDirection(edges[v], dir);
        if ((out[v] & (1 << dir)) === 0) break; // closed (or, defensively, a used edge)
      } while (v !== start || dir !== startDir);
      // The start corner is no corner when the last edge runs straight into the first.
      if (prevDir === startDir) ring.splice(0, 2);
      rings.push(ring);
    }
  }
  return rings;
}

/** Right turn first, then straight, then left: the order that keeps corner-touching pixels apart. */
function nextDirection(bits: number, arriving: number): number {
  for (const turn of [1, 0, 3]) {
    const d = (arriving + turn) % 4;
    if ((bits & (1 << d)) !== 0) return d;
  }
  return lowestBit(bits); // unreachable for a well-formed edge set
}

function lowestBit(bits: number): number {
  for (let d = 0; d < 4; d++) if ((bits & (1 << d)) !== 0) return d;
  return -1;
}

/** Twice the signed area of a ring (shoelace); positive = clockwise on screen (y down) = outer boundary. */
export function ringSignedArea2(ring: readonly number[]): number {
  let s = 0;
  const n = ring.length / 2;
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n;
    s += ring[2 * i] * ring[2 * j + 1] - ring[2 * j] * ring[2 * i + 1];
  }
  return s;
}
