// A prompt textarea that colours A1111 weighting syntax as the encoder will read it: emphasised text brighter,
// de-emphasised text dimmer, brackets and weights muted, BREAK marked. The colours live in a copy behind the
// (transparent-text) textarea, so typing, selection and the caret stay the browser's own. Under it: the token
// count per chunk and unpaired brackets; Ctrl+Enter (⌘+Enter) submits the form, i.e. generates.
import { useMemo, useRef } from 'react';
import { parsePromptSourceSpans, type PromptSourceSpan } from '../../../native-models/core/tokenizer/prompt-attention-parser.ts';
import { useAppStore } from '../store/store-context.tsx';
import { PromptStatus } from './prompt-status.tsx';

function spanClass(span: PromptSourceSpan): string {
  if (span.kind === 'syntax') return 'prompt-syntax';
  if (span.kind === 'break') return 'prompt-break';
  if (span.weight > 1) return 'prompt-up';
  if (span.weight < 1) return 'prompt-down';
  return 'prompt-plain';
}

/** "red ×1.5, circle ×0.91": what the screen reader hears, since the coloured copy is hidden from it. */
function weightSummary(spans: PromptSourceSpan[]): string {
  const weighted = spans.filter((s) => s.kind === 'text' && s.weight !== 1 && s.text.trim() !== '');
  if (weighted.length === 0) return '';
  return `Weighted: ${weighted.map((s) => `${s.text.trim()} ×${Number(s.weight.toFixed(2))}`).join(', ')}`;
}

export function PromptField({ field, label, rows }: { field: 'prompt' | 'negativePrompt'; label: string; rows: number }) {
  const value = useAppStore((s) => s[field]);
  const setField = useAppStore((s) => s.setGenerateField);
  const backdrop = useRef<HTMLDivElement>(null);
  const spans = useMemo(() => parsePromptSourceSpans(value), [value]);
  const summary = weightSummary(spans);
  const id = `gen-${field}`;
  // The brackets note may be absent: a describedby id with no element adds nothing.
  const describedBy = [summary && `${id}-weights`, `${id}-brackets`, `${id}-tokens`].filter(Boolean).join(' ');
  return (
    <div className="field field-wide">
      <label htmlFor={id}>{label}</label>
      <div className="prompt-editor">
        <div className="prompt-highlight input" ref={backdrop} aria-hidden="true">
          {spans.map((span) => (
            <span key={span.start} className={spanClass(span)} style={span.kind === 'text' && span.weight !== 1 ? { opacity: Math.min(1, Math.max(0.45, span.weight)) } : undefined}>
              {value.slice(span.start, span.end)}
            </span>
          ))}
          {/* A trailing newline in a textarea shows an empty line; the copy needs a character to do the same. */}
          {value.endsWith('\n') ? ' ' : null}
        </div>
        <textarea
          id={id}
          className="input prompt-input"
          rows={rows}
          value={value}
          spellCheck={false}
          aria-describedby={describedBy}
          onChange={(e) => setField(field, e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey)) return;
            e.preventDefault();
            e.currentTarget.form?.requestSubmit();
          }}
          onScroll={(e) => {
            if (backdrop.current) backdrop.current.scrollTop = e.currentTarget.scrollTop;
          }}
        />
      </div>
      {summary && (
        <span id={`${id}-weights`} className="prompt-weights">
          {summary}
        </span>
      )}
      <PromptStatus id={id} prompt={value} />
    </div>
  );
}
