// Parses A1111 web UI emphasis syntax — (x), ((x)), (x:1.3), [x], \( \) \[ \], BREAK — into weighted text runs.
// Behaviour follows AUTOMATIC1111 modules/prompt_parser.py `parse_prompt_attention` (read for understanding).

/** A run of prompt text with its attention weight, or a BREAK that forces a new 77-token chunk. */
export type PromptSegment = { kind: 'text'; text: string; weight: number } | { kind: 'break' };

export const ROUND_BRACKET_MULTIPLIER = 1.1;
export const SQUARE_BRACKET_MULTIPLIER = 1 / 1.1;

// Alternatives in A1111's order: escapes, openers, "(…:weight)" closer, plain closers, plain text, a stray ':'.
const ATTENTION_TOKEN = /\\\(|\\\)|\\\[|\\\]|\\\\|\\|\(|\[|:\s*([+-]?[.\d]+)\s*\)|\)|\]|[^\\()[\]:]+|:/g;
const BREAK_KEYWORD = /\s*\bBREAK\b\s*/g;

/**
 * A piece of the prompt's source text as the parser read it: `text` runs carry their final weight, `syntax`
 * is bracket/weight notation (and a lone `\`), `break` is the BREAK keyword with its spaces. Spans cover the
 * whole source in order, so an editor can colour the prompt exactly as the encoder will weight it.
 */
export interface PromptSourceSpan {
  kind: 'text' | 'syntax' | 'break';
  /** Offsets into the prompt, end exclusive. */
  start: number;
  end: number;
  /** The text this span contributes to the encoder (an escape `\(` gives "("); '' for syntax and breaks. */
  text: string;
  weight: number;
}

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
 * Returns every piece of the source (see PromptSourceSpan); parsePromptAttention joins them into runs.
 * A number that does not parse (such as "1.2.3", where A1111 raises) leaves the `:w)` as literal text.
 */
export function parsePromptSourceSpans(prompt: string): PromptSourceSpan[] {
  const spans: PromptSourceSpan[] = [];
  const roundOpen: number[] = [];
  const squareOpen: number[] = [];
  const multiplyFrom = (first: number, factor: number): void => {
    for (let i = first; i < spans.length; i++) if (spans[i]!.kind === 'text') spans[i]!.weight *= factor;
  };
  const push = (kind: PromptSourceSpan['kind'], start: number, end: number, text: string): void => {
    spans.push({ kind, start, end, text, weight: 1 });
  };
  const addText = (text: string, offset: number): void => {
    let from = 0;
    for (const found of text.matchAll(BREAK_KEYWORD)) {
      if (found.index > from) push('text', offset + from, offset + found.index, text.slice(from, found.index));
      push('break', offset + found.index, offset + found.index + found[0].length, '');
      from = found.index + found[0].length;
    }
    if (from < text.length) push('text', offset + from, offset + text.length, text.slice(from));
  };

  for (const match of prompt.matchAll(ATTENTION_TOKEN)) {
    const token = match[0];
    const [start, end] = [match.index, match.index + token.length];
    const weight = match[1] === undefined ? undefined : Number(match[1]);
    if (token.length === 2 && token.startsWith('\\')) {
      push('text', start, end, token.slice(1));
      continue;
    }
    if (token === '(') roundOpen.push(spans.length);
    else if (token === '[') squareOpen.push(spans.length);
    else if (weight !== undefined && Number.isFinite(weight) && roundOpen.length > 0) multiplyFrom(roundOpen.pop()!, weight);
    else if (token === ')' && roundOpen.length > 0) multiplyFrom(roundOpen.pop()!, ROUND_BRACKET_MULTIPLIER);
    else if (token === ']' && squareOpen.length > 0) multiplyFrom(squareOpen.pop()!, SQUARE_BRACKET_MULTIPLIER);
    else if (token !== '\\') {
      addText(token, start);
      continue;
    }
    // Brackets, weights and a lone backslash: notation without text of its own.
    push('syntax', start, end, '');
  }
  for (const first of roundOpen) multiplyFrom(first, ROUND_BRACKET_MULTIPLIER);
  for (const first of squareOpen) multiplyFrom(first, SQUARE_BRACKET_MULTIPLIER);
  return spans;
}

/** Offsets of brackets the parser cannot pair: `unclosed` openers (they weight the rest of the prompt), `unopened` closers (read as text). */
export interface UnbalancedBrackets {
  unclosed: number[];
  unopened: number[];
}

/** Pairs brackets exactly as parsePromptSourceSpans does (escapes skipped, `:w)` closes a round bracket). */
export function findUnbalancedBrackets(prompt: string): UnbalancedBrackets {
  const round: number[] = [];
  const square: number[] = [];
  const unopened: number[] = [];
  for (const match of prompt.matchAll(ATTENTION_TOKEN)) {
    const token = match[0];
    const weight = match[1] === undefined ? undefined : Number(match[1]);
    if (token === '(') round.push(match.index);
    else if (token === '[') square.push(match.index);
    else if (weight !== undefined && Number.isFinite(weight)) {
      if (round.length > 0) round.pop();
      else unopened.push(match.index + token.length - 1);
    } else if (token === ')') {
      if (round.length > 0) round.pop();
      else unopened.push(match.index);
    } else if (token === ']') {
      if (square.length > 0) square.pop();
      else unopened.push(match.index);
    }
  }
  return { unclosed: [...round, ...square].sort((a, b) => a - b), unopened };
}

/**
 * The prompt as weighted runs for the encoder: text spans joined where neighbours have exactly equal weights
 * (syntax between them does not separate them), BREAKs kept; an empty prompt gives one empty run of weight 1.
 */
export function parsePromptAttention(prompt: string): PromptSegment[] {
  const segments: PromptSegment[] = [];
  for (const span of parsePromptSourceSpans(prompt)) {
    const last = segments[segments.length - 1];
    if (span.kind === 'break') segments.push({ kind: 'break' });
    else if (span.kind === 'syntax') continue;
    else if (last?.kind === 'text' && last.weight === span.weight) last.text += span.text;
    else segments.push({ kind: 'text', text: span.text, weight: span.weight });
  }
  if (segments.length === 0 || segments[0]!.kind === 'break') segments.unshift({ kind: 'text', text: '', weight: 1 });
  return segments;
}
