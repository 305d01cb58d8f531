// Export menu: save the image, the mask, or a transparent cut-out (crop and feather options), or copy the image.
import { useEffect, useRef, useState, type RefObject } from 'react';
import type { ExportKind } from '../../store/canvas/canvas-state.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { copyImageToClipboard, downloadFile } from './canvas-export.ts';

function ExportPanel() {
  const hasMask = useAppStore((s) => s.canvas.candidates.length > 0 || s.canvas.mask !== null);
  const exportCanvas = useAppStore((s) => s.exportCanvas);
  const crop = useAppStore((s) => s.cutoutCrop);
  const feather = useAppStore((s) => s.cutoutFeatherPx);
  const setOptions = useAppStore((s) => s.setCanvasOptions);
  const image = useAppStore((s) => s.canvas.image);
  const showError = useAppStore((s) => s.showError);
  const save = async (kind: ExportKind) => {
    const file = await exportCanvas(kind);
    if (file) downloadFile(file);
  };
  return (
    <div id="export-panel" className="export-panel" role="group" aria-label="Export">
      <button type="button" className="button" onClick={() => void save('image')}>
        Save image
      </button>
      <button type="button" className="button" onClick={() => void save('mask')} disabled={!hasMask} title="The selection if there is one, else the inpainting mask">
        Save mask
      </button>
      <div className="export-cutout">
        <button type="button" className="button" onClick={() => void save('cutout')} disabled={!hasMask}>
          Save cut-out
        </button>
        <label className="check">
          <input type="checkbox" checked={crop} onChange={(e) => setOptions({ cutoutCrop: e.currentTarget.checked })} />
          Crop to object
        </label>
        <label className="inline-number">
          Feather (px)
          <input className="input" type="number" min={0} max={256} value={feather} onChange={(e) => setOptions({ cutoutFeatherPx: Math.min(256, Math.max(0, Math.round(e.currentTarget.valueAsNumber || 0))) })} />
        </label>
      </div>
      <button type="button" className="button" onClick={() => image && copyImageToClipboard(image.image).catch(showError)}>
        Copy image
      </button>
    </div>
  );
}

/** Closes an open popover on Escape (focus back on its button) and on a press outside it. */
function useDismiss(open: boolean, close: () => void, menu: RefObject<HTMLDivElement | null>, button: RefObject<HTMLButtonElement | null>) {
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      close();
      button.current?.focus();
    };
    const onPointer = (e: PointerEvent) => {
      if (!menu.current?.contains(e.target as Node)) close();
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open, close, menu, button]);
}

export function ExportMenu() {
  const [open, setOpen] = useState(false);
  const hasImage = useAppStore((s) => s.canvas.image !== null);
  const menu = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const close = useRef(() => setOpen(false)).current;
  useDismiss(open, close, menu, button);
  return (
    <div className="export-menu" ref={menu}>
      <button ref={button} type="button" className="button" aria-expanded={open && hasImage} aria-controls="export-panel" onClick={() => setOpen(!open)} disabled={!hasImage}>
        Export
      </button>
      {open && hasImage && <ExportPanel />}
    </div>
  );
}
