// The text cleaning CLIP applies before tokenising (openai/CLIP simple_tokenizer basic_clean + whitespace_clean).
import { htmlUnescape } from './html-unescape.ts';

/** Python's `\s` for str patterns (str.isspace): ASCII whitespace, \x1c–\x1f, NEL, NBSP and Unicode Zs/Zl/Zp. */
export const PY_WHITESPACE_CLASS = '\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const WHITESPACE_RUN = new RegExp(`[${PY_WHITESPACE_CLASS}]+`, 'gu');

/**
 * CLIP's cleaning, in order: Unicode NFC (what ftfy.fix_text normalises to), HTML-unescape twice (so "&amp;amp;"
 * becomes "&"), fold every whitespace run to one space, strip, lower-case.
 *
 * Not reproduced: ftfy's other repairs (mojibake, curly → straight quotes, full-width → ASCII). Hugging Face's
 * CLIPTokenizer without ftfy installed does not unescape HTML either; with ftfy it relies on ftfy's own unescaping.
 * The three agree on every prompt without HTML references, mojibake or curly quotes.
 */
export function cleanClipText(text: string): string {
  let t = text.normalize('NFC');
  t = htmlUnescape(htmlUnescape(t));
  // Only the folded ' ' may be stripped: JS trim() would also drop U+FEFF, which Python's strip() keeps.
  t = t.replace(WHITESPACE_RUN, ' ').replace(/^ | $/g, '');
  return t.toLowerCase();
}
