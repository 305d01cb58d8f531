// Upscale: the canvas image through an upscaler model (×2/×4 as the model says); the result replaces it, one undo
// away, and is kept in the gallery with the source's parameters.
import { useMemo } from 'react';
import { upscalerOf, usableUpscalers } from '../../store/canvas/upscaler-choice.ts';
import { useAppStore } from '../../store/store-context.tsx';

export function UpscaleOptions() {
  const hasImage = useAppStore((s) => s.canvas.image !== null);
  const models = useAppStore((s) => s.models);
  const picked = useAppStore((s) => s.upscaleModelId);
  const upscaling = useAppStore((s) => s.upscaling);
  const setOptions = useAppStore((s) => s.setCanvasOptions);
  const upscale = useAppStore((s) => s.upscaleCanvas);
  const upscalers = useMemo(() => usableUpscalers(models), [models]);
  const chosen = upscalerOf(models, picked);
  const why = upscalers.length === 0 ? 'No upscaler model installed (a Real-ESRGAN-style ONNX in the models folder)' : !hasImage ? 'Generate or open an image first' : null;
  return (
    <div className="upscale-options" role="group" aria-label="Upscale">
      <select className="input" aria-label="Upscaler model" value={chosen ?? ''} disabled={upscalers.length === 0} onChange={(e) => setOptions({ upscaleModelId: e.currentTarget.value })}>
        {upscalers.length === 0 && <option value="">No upscaler</option>}
        {upscalers.map((m) => (
          <option key={m.id} value={m.id}>
            {m.id.split('/').at(-1)}
          </option>
        ))}
      </select>
      <button type="button" className="button" onClick={() => void upscale()} disabled={why !== null || upscaling} title={why ?? 'Enlarge the picture with the upscaler model; the result joins the gallery'}>
        {upscaling ? 'Upscaling…' : 'Upscale'}
      </button>
    </div>
  );
}
