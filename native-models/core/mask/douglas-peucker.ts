// Douglas–Peucker simplification of polylines and closed rings given as flat [x0, y0, x1, y1, ...] arrays.

/** Keeps the vertices needed so no dropped vertex lies farther than `tolerance` from the simplified line. */
export function simplifyPolyline(points: readonly number[], tolerance: number): number[] {
  const n = points.length / 2;
  if (n <= 2 || tolerance <= 0) return [...points];
  const keep = new Uint8Array(n);
  keep[0] = 1;
  keep[n - 1] = 1;
  // Explicit stack instead of recursion: long contours would otherwise overflow the call stack.
  const stack: [number, number][] = [[0, n - 1]];
  while (stack.length > 0) {
    const [a, b] = stack.pop() as [number, number];
    let worst = -1;
    let worstDist = tolerance;
    for (let i = a + 1; i < b; i++) {
      const d = distanceToSegment(points, i, a, b);
      if (d > worstDist) {
        worstDist = d;
        worst = i;
      }
    }
    if (worst >= 0) {
      keep[worst] = 1;
      stack.push([a, worst], [worst, b]);
    }
  }
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (keep[i]) out.push(points[2 * i], points[2 * i + 1]);
  return out;
}

/**
 * Simplifies a closed ring (first vertex not repeated). The ring is cut at vertex 0 and at the vertex
 * farthest from it, and each half simplified, so the result does not depend on a chord through nothing.
 * Returns fewer than 3 vertices when the ring collapses.
 */
export function simplifyRing(ring: readonly number[], tolerance: number): number[] {
  const n = ring.length / 2;
  if (n <= 3 || tolerance <= 0) return [...ring];
  let far = 0;
  let farDist = -1;
  for (let i = 1; i < n; i++) {
    const d = Math.hypot(ring[2 * i] - ring[0], ring[2 * i + 1] - ring[1]);
    if (d > farDist) {
      farDist = d;
      far = i;
    }
  }
  const first = simplifyPolyline(ring.slice(0, 2 * far + 2), tolerance);
  const second = simplifyPolyline([...ring.slice(2 * far), ring[0], ring[1]], tolerance);
  // Both halves repeat the cut vertices; drop the repeats.
  return [...first, ...second.slice(2, second.length - 2)];
}

function distanceToSegment(p: readonly number[], i: number, a: number, b: number): number {
  const px = p[2 * i];
  const py = p[2 * i + 1];
  const ax = p[2 * a];
  const ay = p[2 * a + 1];
  const dx = p[2 * b] - ax;
  const dy = p[2 * b + 1] - ay;
  const len2 = dx * dx + dy * dy;
  if (len2 === 0) return Math.hypot(px - ax, py - ay);
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}
