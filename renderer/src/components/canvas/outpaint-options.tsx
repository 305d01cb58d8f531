// Outpaint: extend the canvas image on one side by typed pixels and generate the new strip with the Generate panel's
// prompt (the inpainting path; the original's pixels outside the seam band stay as they were). Repeatable; each
// result is one undo step.
import { isGenerating } from '../../store/app-state.ts';
import type { OutpaintSide } from '../../store/canvas/canvas-state.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { cannotDoReason } from '../model-capability.ts';

const SIDES: readonly { side: OutpaintSide; label: string }[] = [
  { side: 'left', label: 'Left' },
  { side: 'right', label: 'Right' },
  { side: 'top', label: 'Top' },
  { side: 'bottom', label: 'Bottom' },
];

export function OutpaintOptions() {
  const hasImage = useAppStore((s) => s.canvas.image !== null);
  const side = useAppStore((s) => s.outpaintSide);
  const px = useAppStore((s) => s.outpaintPx);
  const setOptions = useAppStore((s) => s.setCanvasOptions);
  const run = useAppStore((s) => s.runCanvasGeneration);
  const running = useAppStore((s) => isGenerating(s.status));
  // outpainting is an inpaint of the extended canvas: the same capability
  const cannot = useAppStore((s) => cannotDoReason(s.models, s.selectedModelId, 'inpaint'));
  return (
    <div className="outpaint-options" role="group" aria-label="Outpaint">
      <span className="outpaint-title">Extend</span>
      <select className="input" aria-label="Outpaint side" value={side} onChange={(e) => setOptions({ outpaintSide: e.currentTarget.value as OutpaintSide })}>
        {SIDES.map((s) => (
          <option key={s.side} value={s.side}>
            {s.label}
          </option>
        ))}
      </select>
      <input className="input outpaint-px" type="number" aria-label="Outpaint pixels" min={8} max={2048} step={8} value={px} onChange={(e) => setOptions({ outpaintPx: e.currentTarget.valueAsNumber })} />
      <button type="button" className="button" onClick={() => void run('outpaint')} disabled={!hasImage || running || cannot !== null} title={cannot ?? "Extend the picture on this side and fill the new area from the Generate panel's prompt"}>
        Outpaint
      </button>
    </div>
  );
}
