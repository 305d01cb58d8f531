// The refiner picker both forms show for an SDXL base model (Generate panel, Batch panel): an installed SDXL refiner
// to take the schedule over (None by default) and the fraction of the steps the base runs first (A1111's
// "Refiner" / "Switch at"). Each caller binds it to its own part of the store.
import { useShallow } from 'zustand/react/shallow';
import { refinerModels } from '../store/refiner-form.ts';
import { useAppStore } from '../store/store-context.tsx';
import { LabelledNumberInput } from './labelled-number-input.tsx';

export interface RefinerPickerProps {
  /** Prefix of the inputs' ids: `${idPrefix}-refinerModelId`, `${idPrefix}-refinerSwitchAt`. */
  idPrefix: string;
  refinerModelId: string;
  switchAt: number;
  switchProblem?: string;
  /** Said under "Switch at" while a refiner is picked (e.g. the Generate form's "base ≈ N of M steps"). */
  switchHint?: string;
  disabled?: boolean;
  onRefinerModelId: (id: string) => void;
  onSwitchAt: (value: number) => void;
}

export function RefinerPicker({ idPrefix, refinerModelId, switchAt, switchProblem, switchHint, disabled, onRefinerModelId, onSwitchAt }: RefinerPickerProps) {
  const refiners = useAppStore(useShallow((s) => refinerModels(s.models).map((m) => m.id)));
  const on = refinerModelId !== '';
  // the model names are long: the picker takes a row of its own (as the scheduler does), the switch half a row
  return (
    <div className="refiner-row">
      <div className="field">
        <label htmlFor={`${idPrefix}-refinerModelId`}>Refiner</label>
        <select id={`${idPrefix}-refinerModelId`} className="input" value={refinerModelId} disabled={disabled} onChange={(e) => onRefinerModelId(e.currentTarget.value)}>
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
        <LabelledNumberInput id={`${idPrefix}-refinerSwitchAt`} label="Switch at" value={switchAt} min={0.05} max={0.95} step={0.05} disabled={disabled || !on} problem={switchProblem} hint={on ? switchHint : null} onChange={onSwitchAt} />
      </div>
    </div>
  );
}
