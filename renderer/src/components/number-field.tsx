// A labelled number input bound to one numeric field of the generate form, with its validation message.
import type { GenerateForm } from '../store/generate-params.ts';
import { validateGenerateForm } from '../store/generate-params.ts';
import { useAppStore } from '../store/store-context.tsx';
import { LabelledNumberInput } from './labelled-number-input.tsx';

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

export function NumberField({ field, label, min, max, step, disabled, onBlur, hint }: NumberFieldProps) {
  const value = useAppStore((s) => s[field]);
  const error = useAppStore((s) => validateGenerateForm(s)[field]);
  const setField = useAppStore((s) => s.setGenerateField);
  return <LabelledNumberInput id={`gen-${field}`} label={label} value={value} min={min} max={max} step={step} disabled={disabled} problem={error} hint={hint} onChange={(v) => setField(field, v)} onBlur={onBlur} />;
}
