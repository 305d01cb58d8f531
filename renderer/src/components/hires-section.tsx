// The Generate form's Hires fix (A1111's): a collapsed section — on/off, the upscaler (latent, Lanczos or an
// installed upscaler model), the upscale, the second pass's steps and denoising strength.
import { useShallow } from 'zustand/react/shallow';
import { hiresTargetSize } from '../../../native-models/core/geometry/hires-size.ts';
import { useAppStore } from '../store/store-context.tsx';
import { NumberField } from './number-field.tsx';

const BUILTIN_UPSCALERS: readonly { value: string; label: string }[] = [
  { value: 'latent', label: 'Latent' },
  { value: 'latent-nearest-exact', label: 'Latent (nearest-exact)' },
  { value: 'lanczos', label: 'Lanczos' },
];

function UpscalerField() {
  const upscaler = useAppStore((s) => s.hiresUpscaler);
  const enabled = useAppStore((s) => s.hiresEnabled);
  const setField = useAppStore((s) => s.setGenerateField);
  const allModels = useAppStore((s) => s.models);
  const models = allModels.filter((m) => m.report.kind === 'upscaler' && m.report.usable).map((m) => ({ value: m.id, label: m.id.split('/').at(-1)!, title: m.name }));  // the folder name fits the column; the full name is the title
  return (
    <div className="field field-grow">
      <label htmlFor="gen-hiresUpscaler">Upscaler</label>
      <select id="gen-hiresUpscaler" className="input" value={upscaler} disabled={!enabled} onChange={(e) => setField('hiresUpscaler', e.currentTarget.value)}>
        {[...BUILTIN_UPSCALERS, ...models].map((o) => (
          <option key={o.value} value={o.value} title={'title' in o ? String(o.title) : undefined}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function HiresSection() {
  const enabled = useAppStore((s) => s.hiresEnabled);
  const setField = useAppStore((s) => s.setGenerateField);
  const target = useAppStore(useShallow((s) => hiresTargetSize(s.width, s.height, s.hiresScale)));
  return (
    <details className="hires-section">
      <summary>Hires fix{enabled ? ` · on → ${target.width}×${target.height}` : ''}</summary>
      <label className="check">
        <input type="checkbox" checked={enabled} onChange={(e) => setField('hiresEnabled', e.currentTarget.checked)} />
        Upscale and redraw at a larger size
      </label>
      <div className="field-row">
        <UpscalerField />
        <NumberField field="hiresScale" label="Upscale by" min={1} max={8} step={0.25} disabled={!enabled} />
      </div>
      <div className="field-row">
        <NumberField field="hiresSteps" label="Hires steps" min={0} max={1000} disabled={!enabled} hint={enabled ? '0 = the base steps' : null} />
        <NumberField field="hiresStrength" label="Denoising" min={0.05} max={1} step={0.05} disabled={!enabled} />
      </div>
    </details>
  );
}
