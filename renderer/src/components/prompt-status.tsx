// The line under a prompt: its tokens per 77-token chunk, counted by the selected model's own CLIP tokenizer on
// the host (as the encoder will pack them), and brackets that the weighting parser cannot pair.
import { useEffect, useMemo, useState } from 'react';
import { findUnbalancedBrackets } from '../../../native-models/core/tokenizer/prompt-attention-parser.ts';
import type { PromptTokenCount } from '../store/app-state.ts';
import { useAppStore } from '../store/store-context.tsx';

/** Counting waits for a pause in typing. */
const COUNT_DELAY_MS = 200;

function usePromptTokens(prompt: string): PromptTokenCount | null {
  const count = useAppStore((s) => s.countPromptTokens);
  const modelId = useAppStore((s) => s.selectedModelId);
  const [result, setResult] = useState<{ prompt: string; modelId: string | null; count: PromptTokenCount } | null>(null);
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => void count(prompt).then((c) => live && setResult({ prompt, modelId, count: c })), COUNT_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [count, prompt, modelId]);
  return result?.count ?? null;
}

function tokenText(count: PromptTokenCount): string {
  if ('problem' in count) return `Tokens: not counted (${count.problem.message})`;
  const chunks = count.chunks.map((n) => `${n}/${count.chunkCapacity}`).join(' · ');
  return count.chunks.length > 1 ? `Tokens ${chunks} (${count.chunks.length} chunks)` : `Tokens ${chunks}`;
}

function bracketText(prompt: string): string | null {
  const { unclosed, unopened } = findUnbalancedBrackets(prompt);
  const parts = [
    ...unclosed.map((at) => `“${prompt[at]}” at ${at + 1} is never closed (it weights the rest of the prompt)`),
    ...unopened.map((at) => `“${prompt[at]}” at ${at + 1} closes nothing (read as text)`),
  ];
  return parts.length > 0 ? `Unbalanced: ${parts.join('; ')}` : null;
}

export function PromptStatus({ id, prompt }: { id: string; prompt: string }) {
  const tokens = usePromptTokens(prompt);
  const brackets = useMemo(() => bracketText(prompt), [prompt]);
  return (
    <>
      {brackets && (
        <span id={`${id}-brackets`} className="field-hint prompt-brackets">
          {brackets}
        </span>
      )}
      <span id={`${id}-tokens`} className="prompt-tokens" aria-live="polite">
        {tokens ? tokenText(tokens) : ''}
      </span>
    </>
  );
}
