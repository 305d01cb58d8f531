// The canvas runs, under the stage: Inpaint (prompt + mask → new pixels inside the mask) and Image to image
// (the whole picture, with a strength) and Outpaint (extend a side), all with the Generate panel's prompt and
// settings; Upscale (an upscaler model); then Export.
import { isGenerating } from '../../store/app-state.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { cannotDoReason } from '../model-capability.ts';
import { StatusLine } from './canvas-extras.tsx';
import { ExportMenu } from './export-options.tsx';
import { OutpaintOptions } from './outpaint-options.tsx';
import { UpscaleOptions } from './upscale-options.tsx';

export function EditOptions() {
  const hasMask = useAppStore((s) => s.canvas.mask !== null);
  const hasImage = useAppStore((s) => s.canvas.image !== null);
  const strength = useAppStore((s) => s.strength);
  const setOptions = useAppStore((s) => s.setCanvasOptions);
  const run = useAppStore((s) => s.runCanvasGeneration);
  const running = useAppStore((s) => isGenerating(s.status));
  const maskVisible = useAppStore((s) => s.maskVisible);
  const cannotInpaint = useAppStore((s) => cannotDoReason(s.models, s.selectedModelId, 'inpaint'));
  const cannotImg2img = useAppStore((s) => cannotDoReason(s.models, s.selectedModelId, 'img2img'));
  const setMaskVisible = useAppStore((s) => s.setMaskVisible);
  return (
    <div className="canvas-actions" role="group" aria-label="Canvas actions">
      <button type="button" className="button accent" onClick={() => void run('inpaint')} disabled={!hasMask || running || cannotInpaint !== null} title={cannotInpaint ?? "Repaint the masked area with the Generate panel's prompt"}>
        Inpaint
      </button>
      {hasMask && (
        <label className="check">
          <input type="checkbox" checked={maskVisible} onChange={(e) => setMaskVisible(e.currentTarget.checked)} />
          Show mask
        </label>
      )}
      <span className="tool-divider" />
      <label className="slider-field">
        Strength
        <input type="range" min={0.05} max={1} step={0.05} value={strength} onChange={(e) => setOptions({ strength: e.currentTarget.valueAsNumber })} />
        <span className="slider-value">{strength.toFixed(2)}</span>
      </label>
      <button type="button" className="button" onClick={() => void run('img2img')} disabled={!hasImage || running || cannotImg2img !== null} title={cannotImg2img ?? 'Redraw the whole picture from the prompt, keeping its layout'}>
        Image to image
      </button>
      <span className="tool-divider" />
      <OutpaintOptions />
      <span className="tool-divider" />
      <UpscaleOptions />
      <StatusLine />
      <ExportMenu />
    </div>
  );
}
