// parsePromptAttention: the examples in A1111's prompt_parser.parse_prompt_attention docstring (weights there
// printed by Python, e.g. 1.5730000000000004 = 1.3·1.1·1.1), plus hand-derived edge cases.
import { describe, expect, it } from 'vitest';
import { parsePromptAttention } from '../../../../native-models/core/tokenizer/prompt-attention-parser.ts';

const text = (t: string, weight: number) => ({ kind: 'text', text: t, weight });

describe('parsePromptAttention', () => {
  it('A1111 docstring examples', () => {
    expect(parsePromptAttention('normal text')).toEqual([text('normal text', 1)]);
    expect(parsePromptAttention('an (important) word')).toEqual([text('an ', 1), text('important', 1.1), text(' word', 1)]);
    expect(parsePromptAttention('(unbalanced')).toEqual([text('unbalanced', 1.1)]);
    expect(parsePromptAttention('\\(literal\\]')).toEqual([text('(literal]', 1)]);
    expect(parsePromptAttention('(unnecessary)(parens)')).toEqual([text('unnecessaryparens', 1.1)]);
    expect(parsePromptAttention('a (((house:1.3)) [on] a (hill:0.5), sun, (((sky))).')).toEqual([
      text('a ', 1),
      text('house', 1.5730000000000004),
      text(' ', 1.1),
      text('on', 1),
      text(' a ', 1.1),
      text('hill', 0.55),
      text(', sun, ', 1.1),
      text('sky', 1.4641000000000006),
      text('.', 1.1),
    ]);
  });

  it('nesting compounds: ((x)) = 1.1·1.1, [x] = 1/1.1, [[x]] = (1/1.1)², (x:1.3) = 1.3', () => {
    expect(parsePromptAttention('((x))')).toEqual([text('x', 1.1 * 1.1)]);
    expect(parsePromptAttention('[x]')).toEqual([text('x', 1 / 1.1)]);
    expect(parsePromptAttention('[[x]]')).toEqual([text('x', (1 / 1.1) * (1 / 1.1))]);
    expect(parsePromptAttention('(x: 1.3 )')).toEqual([text('x', 1.3)]);
    expect(parsePromptAttention('(x:-0.5)')).toEqual([text('x', -0.5)]);
  });

  it('unmatched closers and stray colons are literal; an unclosed [ applies to the rest', () => {
    expect(parsePromptAttention('x) y] z:1')).toEqual([text('x) y] z:1', 1)]);
    expect(parsePromptAttention('a [b c')).toEqual([text('a ', 1), text('b c', 1 / 1.1)]);
    // ":1.5)" closes the innermost "(" only; with just "[" open it is literal text inside the [ … ] range.
    expect(parsePromptAttention('[a:1.5)')).toEqual([text('a:1.5)', 1 / 1.1)]);
  });

  it('escapes: \\\\ is one backslash, a lone backslash disappears, escaped brackets keep the outer weight', () => {
    expect(parsePromptAttention('a\\\\b')).toEqual([text('a\\b', 1)]);
    expect(parsePromptAttention('a\\b')).toEqual([text('ab', 1)]);
    expect(parsePromptAttention('(\\(x\\))')).toEqual([text('(x)', 1.1)]);
  });

  it('BREAK (upper case, whole word) splits, eating the spaces around it; "break" and "BREAKS" do not', () => {
    expect(parsePromptAttention('a cat BREAK a dog')).toEqual([text('a cat', 1), { kind: 'break' }, text('a dog', 1)]);
    expect(parsePromptAttention('a break BREAKS')).toEqual([text('a break BREAKS', 1)]);
    expect(parsePromptAttention('(a BREAK b)')).toEqual([text('a', 1.1), { kind: 'break' }, text('b', 1.1)]);
  });

  it('an unparsable weight such as 1.2.3 is literal text (A1111 raises)', () => {
    expect(parsePromptAttention('(a:1.2.3)')).toEqual([text('a:1.2.3)', 1.1)]);
  });

  it('the empty prompt is one empty run', () => {
    expect(parsePromptAttention('')).toEqual([text('', 1)]);
  });
});
