// findUnbalancedBrackets pairs brackets as the A1111 parser does: escapes are text, `:w)` closes a round bracket,
// a closer of the other kind does not close, and a bad weight leaves its bracket open.
import { describe, expect, it } from 'vitest';
import { findUnbalancedBrackets } from '../../../../native-models/core/tokenizer/prompt-attention-parser.ts';

describe('findUnbalancedBrackets', () => {
  it('finds nothing in balanced prompts and escapes', () => {
    expect(findUnbalancedBrackets('a ((red)) [dim] (cat:1.3) \\(literal\\)')).toEqual({ unclosed: [], unopened: [] });
  });

  it('gives the offsets of openers never closed and closers with nothing open', () => {
    // "a (red" → "(" at 2; "cat)" → ")" at 3; "[x)" → "[" at 0 open (")" closes only round) and ")" at 2 unopened.
    expect(findUnbalancedBrackets('a (red')).toEqual({ unclosed: [2], unopened: [] });
    expect(findUnbalancedBrackets('cat)')).toEqual({ unclosed: [], unopened: [3] });
    expect(findUnbalancedBrackets('[x)')).toEqual({ unclosed: [0], unopened: [2] });
    expect(findUnbalancedBrackets('x:1.2)')).toEqual({ unclosed: [], unopened: [5] });
    expect(findUnbalancedBrackets('(cat:1.2.3)')).toEqual({ unclosed: [0], unopened: [] });
  });
});
