// parsePromptSourceSpans: the source-located pieces the prompt editor colours. Weights are hand-derived from the
// A1111 rules (1.1 per round bracket, 1/1.1 per square bracket, an explicit :w multiplies); the spans must tile
// the source exactly so the highlighted copy lines up with the textarea character for character.
import { describe, expect, it } from 'vitest';
import { parsePromptAttention, parsePromptSourceSpans, type PromptSourceSpan } from '../../../../native-models/core/tokenizer/prompt-attention-parser.ts';

const slice = (prompt: string, span: PromptSourceSpan) => prompt.slice(span.start, span.end);

function expectTiling(prompt: string, spans: PromptSourceSpan[]): void {
  let at = 0;
  for (const span of spans) {
    expect(span.start).toBe(at);
    expect(span.end).toBeGreaterThan(span.start);
    at = span.end;
  }
  expect(at).toBe(prompt.length);
}

describe('parsePromptSourceSpans', () => {
  it('marks brackets and weights as syntax and gives the text inside its weight', () => {
    const prompt = 'a (red:1.5) [circle] on ((gray))';
    const spans = parsePromptSourceSpans(prompt);
    expectTiling(prompt, spans);
    expect(spans.map((s) => [s.kind, slice(prompt, s)])).toEqual([
      ['text', 'a '],
      ['syntax', '('],
      ['text', 'red'],
      ['syntax', ':1.5)'],
      ['text', ' '],
      ['syntax', '['],
      ['text', 'circle'],
      ['syntax', ']'],
      ['text', ' on '],
      ['syntax', '('],
      ['syntax', '('],
      ['text', 'gray'],
      ['syntax', ')'],
      ['syntax', ')'],
    ]);
    const weightOf = (word: string) => spans.find((s) => s.text === word)!.weight;
    expect(weightOf('red')).toBe(1.5);
    expect(weightOf('circle')).toBeCloseTo(1 / 1.1, 12);
    expect(weightOf('gray')).toBeCloseTo(1.21, 12);
    expect(weightOf('a ')).toBe(1);
  });

  it('escapes are text with the literal character; BREAK is its own span with its spaces', () => {
    const prompt = '\\(x\\) BREAK y';
    const spans = parsePromptSourceSpans(prompt);
    expectTiling(prompt, spans);
    expect(spans.map((s) => [s.kind, s.text, slice(prompt, s)])).toEqual([
      ['text', '(', '\\('],
      ['text', 'x', 'x'],
      ['text', ')', '\\)'],
      ['break', '', ' BREAK '],
      ['text', 'y', 'y'],
    ]);
  });

  it('an unclosed bracket weights the rest; a stray closer is text', () => {
    const prompt = 'a) (b';
    const spans = parsePromptSourceSpans(prompt);
    expectTiling(prompt, spans);
    expect(spans.find((s) => s.text === 'b')!.weight).toBeCloseTo(1.1, 12);
    expect(spans.find((s) => s.text === ')')).toMatchObject({ kind: 'text', weight: 1 });
  });

  it('joining the text spans gives parsePromptAttention', () => {
    const prompt = 'a (((house:1.3)) [on] a (hill:0.5), sun, (((sky))).';
    const joined = parsePromptSourceSpans(prompt)
      .filter((s) => s.kind === 'text')
      .map((s) => s.text)
      .join('');
    expect(joined).toBe(parsePromptAttention(prompt).map((s) => (s.kind === 'text' ? s.text : '')).join(''));
  });
});
