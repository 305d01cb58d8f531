// The size a hires fix second pass runs at.
/** Hires fix target: base × scale, each side floored to a multiple of 8 (A1111 interpolates latents to size // 8). */
export function hiresTargetSize(baseWidth: number, baseHeight: number, scale: number, multiple = 8): { width: number; height: number } {
  // the epsilon keeps 70 × 1.6 = 111.99999… from losing a whole multiple
  const floor = (v: number) => Math.max(multiple, Math.floor((v * scale) / multiple + 1e-9) * multiple);
  return { width: floor(baseWidth), height: floor(baseHeight) };
}
