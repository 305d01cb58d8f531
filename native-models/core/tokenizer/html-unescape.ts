// HTML character-reference decoding with the rules of Python's html.unescape, which CLIP's basic_clean applies.
import { LEGACY_ENTITIES, SEMICOLON_ENTITIES } from './html-entity-table.ts';

// Python's pattern: a numeric reference, or up to 32 name characters, each optionally ending in ';'.
const CHAR_REF = /&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)/g;

// Numeric references in 0x80–0x9F mean windows-1252 characters (HTML5 §13.2.5.80); 0x00 and 0x0D are special too.
const WINDOWS_1252: Readonly<Record<number, string>> = {
  0x00: '\ufffd', 0x0d: '\r', 0x80: '\u20ac', 0x81: '\x81', 0x82: '\u201a', 0x83: '\u0192', 0x84: '\u201e',
  0x85: '\u2026', 0x86: '\u2020', 0x87: '\u2021', 0x88: '\u02c6', 0x89: '\u2030', 0x8a: '\u0160', 0x8b: '\u2039',
  0x8c: '\u0152', 0x8d: '\x8d', 0x8e: '\u017d', 0x8f: '\x8f', 0x90: '\x90', 0x91: '\u2018', 0x92: '\u2019',
  0x93: '\u201c', 0x94: '\u201d', 0x95: '\u2022', 0x96: '\u2013', 0x97: '\u2014', 0x98: '\u02dc', 0x99: '\u2122',
  0x9a: '\u0161', 0x9b: '\u203a', 0x9c: '\u0153', 0x9d: '\x9d', 0x9e: '\u017e', 0x9f: '\u0178',
};

/** Code points a numeric reference may not produce; Python drops them (returns ''). */
function isDroppedCodePoint(cp: number): boolean {
  return (
    (cp >= 0x1 && cp <= 0x8) || cp === 0xb || (cp >= 0xe && cp <= 0x1f) || (cp >= 0x7f && cp <= 0x9f) ||
    (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) === 0xfffe
  );
}

function decodeNumeric(ref: string): string {
  const body = ref.endsWith(';') ? ref.slice(0, -1) : ref;
  const hex = body[1] === 'x' || body[1] === 'X';
  const cp = hex ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
  const special = WINDOWS_1252[cp];
  if (special !== undefined) return special;
  if ((cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) return '\ufffd';
  if (isDroppedCodePoint(cp)) return '';
  return String.fromCodePoint(cp);
}

function lookupNamed(name: string): string | undefined {
  if (name.endsWith(';')) {
    const bare = name.slice(0, -1);
    if (Object.hasOwn(SEMICOLON_ENTITIES, bare)) return SEMICOLON_ENTITIES[bare];
    if (Object.hasOwn(LEGACY_ENTITIES, bare)) return LEGACY_ENTITIES[bare];
    return undefined;
  }
  return Object.hasOwn(LEGACY_ENTITIES, name) ? LEGACY_ENTITIES[name] : undefined;
}

function decodeNamed(ref: string): string {
  const whole = lookupNamed(ref);
  if (whole !== undefined) return whole;
  // Like Python: the longest prefix (at least two characters) that is a legacy name, followed by the rest.
  for (let end = ref.length - 1; end > 1; end--) {
    const prefix = lookupNamed(ref.slice(0, end));
    if (prefix !== undefined) return prefix + ref.slice(end);
  }
  return `&${ref}`;
}

/** Decodes `&amp;`, `&#39;`, `&#x27;`, … once; unknown names stay as written. */
export function htmlUnescape(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(CHAR_REF, (_match, ref: string) => (ref[0] === '#' ? decodeNumeric(ref) : decodeNamed(ref)));
}
