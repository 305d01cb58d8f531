// The Generate form's refiner picker: an installed SDXL refiner to take the schedule over, and the fraction of the
// steps the base runs first (A1111's "Refiner" / "Switch at"). Shown for SDXL base models.
import { useShallow } from 'zustand/react/shallow';
import { refinerModels } from '../store/refiner-form.ts';
import { useAppStore } from '../store/store-context.tsx';
import { NumberField } from './number-field.tsx';

export function RefinerSection() {
  const sdxlBase = useAppStore((s) => {
    const role = s.models.find((m) => m.id === s.selectedModelId)?.report.diffusion?.sdxl?.role;
    return role !== undefined && role !== 'refiner';
  });
  const refiners = useAppStore(useShallow((s) => refinerModels(s.models).map((m) => m.id)));
  const refinerId = useAppStore((s) => s.refinerModelId);
  const steps = useAppStore((s) => s.steps);
  const switchAt = useAppStore((s) => s.refinerSwitchAt);
  const setField = useAppStore((s) => s.setGenerateField);
  if (!sdxlBase) return null;
  const on = refinerId !== '';
  const baseSteps = Math.round(steps * switchAt);
  // the model names are long: the picker takes a row of its own (as the scheduler does), the switch half a row
  return (
    <div className="refiner-row">
      <div className="field">
        <label htmlFor="gen-refinerModelId">Refiner</label>
        <select id="gen-refinerModelId" className="input" value={refinerId} onChange={(e) => setField('refinerModelId', e.currentTarget.value)}>
          <option value="">None</option>
          {refiners.map((id) => (
            <option key={id} value={id} title={id}>
              {id.split('/').at(-1)}
            </option>
          ))}
        </select>
        {refiners.length === 0 && <p className="field-hint">No SDXL refiner installed</p>}
      </div>
      <div className="field-row half">
        <NumberField field="refinerSwitchAt" label="Switch at" min={0.05} max={0.95} step={0.05} disabled={!on} hint={on ? `base ≈ ${baseSteps} of ${steps} steps` : null} />
      </div>
    </div>
  );
}
