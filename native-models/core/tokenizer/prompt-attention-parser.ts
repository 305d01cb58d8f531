// Parses A1111 web UI emphasis syntax — (x), ((x)), (x:1.3), [x], \( \) \[ \], BREAK — into weighted text runs.
// Behaviour follows AUTOMATIC1111 modules/prompt_parser.py `parse_prompt_attention` (read for understanding).

/** A run of prompt text with its attention weight, or a BREAK that forces a new 77-token chunk. */
export type PromptSegment = { kind: 'text'; text: string; weight: number } | { kind: 'break' };

export const ROUND_BRACKET_MULTIPLIER = 1.1;
export const SQUARE_BRACKET_MULTIPLIER = 1 / 1.1;

// Alternatives in A1111's order: escapes, openers, "(…:weight)" closer, plain closers, plain text, a stray ':'.
const ATTENTION_TOKEN = /\\\(|\\\)|\\\[|\\\]|\\\\|\\|\(|\[|:\s*([+-]?[.\d]+)\s*\)|\)|\]|[^\\()[\]:]+|:/g;
const BREAK_KEYWORD = /\s*\bBREAK\b\s*/;

type Run = { text: string; weight: number; isBreak: boolean };

/**
 * Splits `prompt` into weighted runs, A1111's way:
 * - `(` … `)` multiplies everything inside by 1.1 (nested brackets compound: ((x)) = 1.21), `[` … `]` by 1/1.1,
 *   `(` … `:w)` by w. A `:w)` closes the innermost `(`, even when `[` brackets were opened after it.
 * - `\(`, `\)`, `\[`, `\]`, `\\` are literal characters; a lone `\` disappears.
 * - Unbalanced: a `(` or `[` never closed applies its multiplier to the rest of the prompt; a `)`, `]` or `:w)`
 *   with nothing open is literal text; a ':' outside `:w)` is literal.
 * - `BREAK` (upper case, a whole word) ends the current chunk. Unlike A1111 — where a BREAK inside brackets gets
 *   multiplied, stops being recognised and is encoded as the word "break" with a negative weight — a BREAK is
 *   always a break here.
 * - Neighbouring runs with exactly equal weights are joined; an empty prompt gives one empty run of weight 1.
 * A number that does not parse (such as "1.2.3", where A1111 raises) leaves the `:w)` as literal text.
 */
export function parsePromptAttention(prompt: string): PromptSegment[] {
  const runs: Run[] = [];
  const roundOpen: number[] = [];
  const squareOpen: number[] = [];
  const multiplyFrom = (start: number, factor: number): void => {
    for (let i = start; i < runs.length; i++) runs[i]!.weight *= factor;
  };
  const addText = (text: string): void => {
    text.split(BREAK_KEYWORD).forEach((part, i) => {
      if (i > 0) runs.push({ text: '', weight: 1, isBreak: true });
      runs.push({ text: part, weight: 1, isBreak: false });
    });
  };

  for (const match of prompt.matchAll(ATTENTION_TOKEN)) {
    const token = match[0];
    const weight = match[1] === undefined ? undefined : Number(match[1]);
    if (token.startsWith('\\')) runs.push({ text: token.slice(1), weight: 1, isBreak: false });
    else if (token === '(') roundOpen.push(runs.length);
    else if (token === '[') squareOpen.push(runs.length);
    else if (weight !== undefined && Number.isFinite(weight) && roundOpen.length > 0) multiplyFrom(roundOpen.pop()!, weight);
    else if (token === ')' && roundOpen.length > 0) multiplyFrom(roundOpen.pop()!, ROUND_BRACKET_MULTIPLIER);
    else if (token === ']' && squareOpen.length > 0) multiplyFrom(squareOpen.pop()!, SQUARE_BRACKET_MULTIPLIER);
    else addText(token);
  }
  for (const start of roundOpen) multiplyFrom(start, ROUND_BRACKET_MULTIPLIER);
  for (const start of squareOpen) multiplyFrom(start, SQUARE_BRACKET_MULTIPLIER);
  if (runs.length === 0) runs.push({ text: '', weight: 1, isBreak: false });

  const joined: Run[] = [];
  for (const run of runs) {
    const last = joined[joined.length - 1];
    if (last && !last.isBreak && !run.isBreak && last.weight === run.weight) last.text += run.text;
    else joined.push({ ...run });
  }
  return joined.map((r) => (r.isBreak ? { kind: 'break' } : { kind: 'text', text: r.text, weight: r.weight }));
}
