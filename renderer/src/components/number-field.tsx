// A labelled number input bound to one numeric field of the generate form, with its validation message.
import type { GenerateForm } from '../store/generate-params.ts';
import { validateGenerateForm } from '../store/generate-params.ts';
import { useAppStore } from '../store/store-context.tsx';

type NumericField = { [K in keyof GenerateForm]: GenerateForm[K] extends number ? K : never }[keyof GenerateForm];

interface NumberFieldProps {
  field: NumericField;
  label: string;
  min?: number;
  max?: number;
  step?: number;
  disabled?: boolean;
  onBlur?: () => void;
  hint?: string | null;
}

export function NumberField({ field, label, min, max, step = 1, disabled, onBlur, hint }: NumberFieldProps) {
  const value = useAppStore((s) => s[field]);
  const error = useAppStore((s) => validateGenerateForm(s)[field]);
  const setField = useAppStore((s) => s.setGenerateField);
  const id = `gen-${field}`;
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
        aria-invalid={error ? true : undefined}
        aria-describedby={error || hint ? `${id}-note` : undefined}
        onChange={(e) => setField(field, e.currentTarget.valueAsNumber)}
        onBlur={onBlur}
      />
      {(error || hint) && (
        <span id={`${id}-note`} className={error ? 'field-error' : 'field-hint'}>
          {error ?? hint}
        </span>
      )}
    </div>
  );
}
