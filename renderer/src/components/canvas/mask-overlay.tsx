// The mask layer over the image, at image resolution: the visible objects (each in its palette colour), the chosen
// segment mask (blue tint inside a black-and-white dashed edge, so it reads on blue objects too), the hover preview
// (paler blue) and the inpainting mask (amber), each tint semi-transparent so the image shows through.
import { useEffect, useRef, useState } from 'react';
import type { EncodedImage } from '../../../../native-models/api/index.ts';
import type { BinaryMask } from '../../../../native-models/core/mask/binary-mask.ts';
import { OBJECT_PALETTE, type CanvasObject } from '../../store/canvas/canvas-objects.ts';
import { chosenCandidate } from '../../store/canvas/canvas-state.ts';
import { browserMaskCodec } from '../../store/canvas/mask-codec.ts';
import { useAppStore } from '../../store/store-context.tsx';

/** RGBA of each layer (straight alpha): picked to read on both themes and on any picture. */
export const OVERLAY_COLOURS = {
  segment: [30, 144, 255, 150],
  hover: [30, 144, 255, 80],
  mask: [255, 200, 0, 140],
} as const;

/** The selection's edge alternates these every EDGE_DASH image pixels: one of the two contrasts with any colour. */
export const EDGE_COLOURS = [
  [255, 255, 255, 255],
  [0, 0, 0, 255],
] as const;
const EDGE_DASH = 4;

const decoded = new WeakMap<EncodedImage, Promise<BinaryMask>>();

/** Decodes a host mask PNG once per object (candidates are immutable). */
function decodeOnce(image: EncodedImage): Promise<BinaryMask> {
  let pending = decoded.get(image);
  if (!pending) decoded.set(image, (pending = browserMaskCodec.decode(image)));
  return pending;
}

function useDecoded(image: EncodedImage | null): BinaryMask | null {
  const [mask, setMask] = useState<{ source: EncodedImage; mask: BinaryMask } | null>(null);
  useEffect(() => {
    if (!image) return;
    let live = true;
    void decodeOnce(image).then((m) => live && setMask({ source: image, mask: m }));
    return () => {
      live = false;
    };
  }, [image]);
  // Until the new one is decoded the previous mask stays up, so a refinement click does not flash.
  return image ? (mask?.mask ?? null) : null;
}

/** The visible objects' masks with their colours, once all are decoded (the previous set stays up meanwhile). */
function useDecodedObjects(objects: readonly CanvasObject[]): { mask: BinaryMask; colour: readonly number[] }[] {
  const [layers, setLayers] = useState<{ mask: BinaryMask; colour: readonly number[] }[]>([]);
  useEffect(() => {
    let live = true;
    const visible = objects.filter((o) => o.visible);
    void Promise.all(visible.map((o) => decodeOnce(o.mask))).then((masks) => live && setLayers(masks.map((mask, i) => ({ mask, colour: [...OBJECT_PALETTE[visible[i]!.colour]!, OBJECT_ALPHA] }))));
    return () => {
      live = false;
    };
  }, [objects]);
  return layers;
}

/** The objects' tint alpha: lighter than the selection's, so a selection drawn over an object still stands out. */
const OBJECT_ALPHA = 120;

function paint(pixels: Uint8ClampedArray, mask: BinaryMask | null, colour: readonly number[], width: number, height: number): void {
  if (!mask || mask.width !== width || mask.height !== height) return;
  for (let i = 0; i < mask.data.length; i++) {
    if (!mask.data[i]) continue;
    pixels.set(colour, i * 4);
  }
}

/** Mask pixels within `thickness` of the outside (or of the image's border) get the dashed two-colour edge. */
function paintEdge(pixels: Uint8ClampedArray, mask: BinaryMask | null, width: number, height: number, thickness: number): void {
  if (!mask || mask.width !== width || mask.height !== height) return;
  const inside = (x: number, y: number) => x >= 0 && y >= 0 && x < width && y < height && mask.data[y * width + x] !== 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!mask.data[y * width + x]) continue;
      let edge = false;
      for (let d = 1; d <= thickness && !edge; d++) edge = !inside(x - d, y) || !inside(x + d, y) || !inside(x, y - d) || !inside(x, y + d);
      if (edge) pixels.set(EDGE_COLOURS[Math.floor((x + y) / EDGE_DASH) % 2]!, (y * width + x) * 4);
    }
  }
}

/** Edge thickness in image pixels: about two screen pixels at any zoom, at least one image pixel. */
function edgeThickness(zoom: number): number {
  return Math.min(4, Math.max(1, Math.round(2 / zoom)));
}

export function MaskOverlay({ width, height }: { width: number; height: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const document = useAppStore((s) => s.canvas);
  const hover = useDecoded(useAppStore((s) => s.hoverMask));
  const segment = useDecoded(chosenCandidate(document)?.mask ?? null);
  const maskVisible = useAppStore((s) => s.maskVisible);
  const brushMask = maskVisible ? document.mask : null;
  const thickness = useAppStore((s) => edgeThickness(s.canvasView.zoom));
  const objects = useDecodedObjects(document.objects);

  useEffect(() => {
    const context = ref.current?.getContext('2d');
    if (!context) return;
    const frame = context.createImageData(width, height);
    // Later layers win: objects first, the hover under the selection, the inpainting mask on top.
    for (const layer of objects) paint(frame.data, layer.mask, layer.colour, width, height);
    paint(frame.data, hover, OVERLAY_COLOURS.hover, width, height);
    paint(frame.data, segment, OVERLAY_COLOURS.segment, width, height);
    paintEdge(frame.data, segment, width, height, thickness);
    paint(frame.data, brushMask, OVERLAY_COLOURS.mask, width, height);
    context.putImageData(frame, 0, 0);
  }, [objects, hover, segment, brushMask, width, height, thickness]);

  return <canvas ref={ref} className="canvas-overlay" width={width} height={height} role="img" aria-label="Mask overlay" />;
}
