// cleanClipText: CLIP's basic_clean + whitespace_clean + lower(), expectations derived from those rules by hand.
import { describe, expect, it } from 'vitest';
import { cleanClipText } from '../../../../native-models/core/tokenizer/text-cleaning.ts';

describe('cleanClipText', () => {
  it('folds whitespace runs (including tabs, newlines, NBSP, ideographic space) and strips the ends', () => {
    expect(cleanClipText('  A\n\tPHOTO \u00a0 of\u3000a  Cat \r\n')).toBe('a photo of a cat');
  });

  it('unescapes HTML twice, as CLIP does', () => {
    expect(cleanClipText('Tom &amp;amp; Jerry &lt;3')).toBe('tom & jerry <3');
  });

  it('normalises to NFC: e + combining acute becomes é', () => {
    expect(cleanClipText('Cafe\u0301')).toBe('caf\u00e9');
  });

  it('keeps U+FEFF at the ends (Python\'s strip() does not remove it)', () => {
    expect(cleanClipText('\ufeffhi ')).toBe('\ufeffhi');
  });
});
