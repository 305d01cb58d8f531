// Labelled inputs bound to one field of the Batch form, each with its problem said in place: a host refusal about
// that field, else the form's own check (for a blank field only once Start was tried).
import type { ReactNode } from 'react';
import { batchModelId, validateBatchForm, type BatchField, type BatchForm } from '../../store/batch-form.ts';
import type { AppState } from '../../store/app-state.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { LabelledNumberInput } from '../labelled-number-input.tsx';

function fieldProblem(s: AppState, field: BatchField): string | undefined {
  if (s.batchError?.field === field) return s.batchError.message;
  const value = s.batchForm[field];
  if (!s.batchTried && (value === '' || value === null)) return undefined;
  return validateBatchForm(s.batchForm, batchModelId(s.batchForm, s.models))[field];
}

/** The id, the problem and the note ids a field's input points at. */
export function useFieldNote(field: BatchField, hint?: string) {
  const problem = useAppStore((s) => fieldProblem(s, field));
  const id = `batch-${field}`;
  return { id, problem, describedBy: problem || hint ? `${id}-note` : undefined };
}

export function FieldNote({ id, problem, hint }: { id: string; problem?: string; hint?: string }) {
  if (!problem && !hint) return null;
  return (
    <span id={`${id}-note`} className={problem ? 'field-error' : 'muted small'}>
      {problem ?? hint}
    </span>
  );
}

type StringField = { [K in BatchField]: BatchForm[K] extends string ? K : never }[BatchField];
type NumberFieldName = { [K in BatchField]: BatchForm[K] extends number ? K : never }[BatchField];
type ChoiceField = 'kind' | 'cutoutPrompt' | 'promptSource';
type BooleanField = { [K in BatchField]: BatchForm[K] extends boolean ? K : never }[BatchField];

/** `path`: a file or folder path, shown in the monospace font. */
export function BatchTextField({ field, label, hint, placeholder, path, onBlur, children }: { field: StringField; label: string; hint?: string; placeholder?: string; path?: boolean; onBlur?: () => void; children?: ReactNode }) {
  const value = useAppStore((s) => s.batchForm[field]);
  const setField = useAppStore((s) => s.setBatchField);
  const { id, problem, describedBy } = useFieldNote(field, hint);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="batch-input-row">
        <input
          id={id}
          className={path ? 'input path-input' : 'input'}
          type="text"
          value={value}
          placeholder={placeholder}
          spellCheck={false}
          aria-invalid={problem ? true : undefined}
          aria-describedby={describedBy}
          onChange={(e) => setField(field, e.currentTarget.value)}
          onBlur={onBlur}
        />
        {children}
      </div>
      <FieldNote id={id} problem={problem} hint={hint} />
    </div>
  );
}

export function BatchNumberField({ field, label, min, max, step = 1 }: { field: NumberFieldName; label: string; min: number; max: number; step?: number }) {
  const value = useAppStore((s) => s.batchForm[field]);
  const setField = useAppStore((s) => s.setBatchField);
  const { id, problem } = useFieldNote(field);
  return <LabelledNumberInput id={id} label={label} value={value} min={min} max={max} step={step} problem={problem} onChange={(v) => setField(field, v)} />;
}

export function BatchCheckbox({ field, label }: { field: BooleanField; label: string }) {
  const checked = useAppStore((s) => s.batchForm[field]);
  const setField = useAppStore((s) => s.setBatchField);
  return (
    <label className="check-field">
      <input type="checkbox" checked={checked} onChange={(e) => setField(field, e.currentTarget.checked)} />
      {label}
    </label>
  );
}

/** A select over a field's choices, labelled for people. */
export function BatchSelect<F extends ChoiceField>({ field, label, choices }: { field: F; label: string; choices: Record<BatchForm[F], string> }) {
  const value = useAppStore((s) => s.batchForm[field]);
  const setField = useAppStore((s) => s.setBatchField);
  return (
    <div className="field">
      <label htmlFor={`batch-${field}`}>{label}</label>
      <select id={`batch-${field}`} className="input" value={value} onChange={(e) => setField(field, e.currentTarget.value as BatchForm[F])}>
        {(Object.entries(choices) as [string, string][]).map(([choice, text]) => (
          <option key={choice} value={choice}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A folder typed as a path, or picked with Browse: the system dialog in the desktop app, the host's folder browser in the web host. */
export function FolderField({ field, label, hint }: { field: 'inputDir' | 'outputDir'; label: string; hint?: string }) {
  const desktop = useAppStore((s) => s.health?.host === 'electron');
  const pick = useAppStore((s) => s.pickBatchFolder);
  const openBrowser = useAppStore((s) => s.openFolderBrowser);
  const checkOutput = useAppStore((s) => s.checkBatchOutput);
  return (
    <BatchTextField field={field} label={label} hint={hint} placeholder="/absolute/path/to/folder" path onBlur={field === 'outputDir' ? () => void checkOutput() : undefined}>
      <button type="button" className="button" aria-label={`Browse for the ${label.toLowerCase()}`} onClick={() => void (desktop ? pick(field) : openBrowser(field))}>
        Browse…
      </button>
    </BatchTextField>
  );
}
