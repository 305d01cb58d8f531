// A labelled number input with its problem (or else its hint) said under it: the markup the generate form and
// the Batch panel share; each caller binds it to its own part of the store.
export interface LabelledNumberInputProps {
  id: string;
  label: string;
  /** NaN shows an empty input (the user cleared it). */
  value: number;
  min?: number;
  max?: number;
  step?: number;
  disabled?: boolean;
  problem?: string;
  hint?: string | null;
  onChange: (value: number) => void;
  onBlur?: () => void;
}

export function LabelledNumberInput({ id, label, value, min, max, step = 1, disabled, problem, hint, onChange, onBlur }: LabelledNumberInputProps) {
  const note = problem ?? hint ?? undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="input"
        type="number"
        inputMode="decimal"
        value={Number.isNaN(value) ? '' : value}
        min={min}
        max={max}
        step={step}
        disabled={disabled}
        aria-invalid={problem ? true : undefined}
        aria-describedby={note ? `${id}-note` : undefined}
        onChange={(e) => onChange(e.currentTarget.valueAsNumber)}
        onBlur={onBlur}
      />
      {note && (
        <span id={`${id}-note`} className={problem ? 'field-error' : 'field-hint'}>
          {note}
        </span>
      )}
    </div>
  );
}
