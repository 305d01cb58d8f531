// htmlUnescape against Python 3.11's html.unescape (expected strings printed by `python3 -c "import html; …"`).
import { describe, expect, it } from 'vitest';
import { htmlUnescape } from '../../../../native-models/core/tokenizer/html-unescape.ts';

describe('htmlUnescape (Python html.unescape rules)', () => {
  it.each([
    ['&amp;amp;', '&amp;'], // one pass only; CLIP calls it twice
    ['&lt;3 &gt;', '<3 >'],
    ["&#39;s &#x27;t &#X41;", "'s 't A"],
    ['&#65', 'A'], // numeric references need no semicolon
    ['&ampfoo', '&foo'], // legacy names match as a prefix without ';'
    ['&notit;', '\u00acit;'],
    ['&copy2024', '\u00a92024'],
    ['&hellip;', '\u2026'],
    ['&hellip', '&hellip'], // non-legacy names need the ';'
    ['&unknown;', '&unknown;'],
    ['&eacute;t&eacutE;', '\u00e9t&eacutE;'], // names are case-sensitive
    ['&Alpha;', '\u0391'],
    ['&#128;', '\u20ac'], // 0x80–0x9F are read as windows-1252
    ['&#0;', '\ufffd'],
    ['&#xD800;', '\ufffd'], // surrogates
    ['&#x110000;', '\ufffd'], // beyond Unicode
    ['&#1;x', 'x'], // control characters are dropped
    ['a & b', 'a & b'],
  ])('%j → %j', (input, expected) => {
    expect(htmlUnescape(input)).toBe(expected);
  });
});
