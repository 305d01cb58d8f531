// UTF-8 encoding and decoding for byte-level BPE, without TextEncoder/TextDecoder (core has neither DOM nor Node types).

/** UTF-8 bytes of `text`; a lone surrogate becomes U+FFFD (EF BF BD), as TextEncoder does. */
export function encodeUtf8(text: string): number[] {
  const bytes: number[] = [];
  for (const ch of text) {
    let cp = ch.codePointAt(0)!;
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    if (cp < 0x80) bytes.push(cp);
    else if (cp < 0x800) bytes.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
    else if (cp < 0x10000) bytes.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    else bytes.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  }
  return bytes;
}

/**
 * Decodes UTF-8, replacing each maximal ill-formed subsequence with one U+FFFD (Unicode §3.9 "best practice",
 * which both WHATWG TextDecoder and Python's errors="replace" follow) — decoded token ids may split a character.
 */
export function decodeUtf8(bytes: ArrayLike<number>): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b0 = bytes[i]!;
    if (b0 < 0x80) {
      out += String.fromCharCode(b0);
      i++;
      continue;
    }
    let need: number;
    let cp: number;
    let lower = 0x80;
    let upper = 0xbf;
    if (b0 >= 0xc2 && b0 <= 0xdf) [need, cp] = [1, b0 & 0x1f];
    else if (b0 >= 0xe0 && b0 <= 0xef) {
      [need, cp] = [2, b0 & 0x0f];
      if (b0 === 0xe0) lower = 0xa0; // no overlong forms
      if (b0 === 0xed) upper = 0x9f; // no surrogates
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
      [need, cp] = [3, b0 & 0x07];
      if (b0 === 0xf0) lower = 0x90;
      if (b0 === 0xf4) upper = 0x8f; // nothing above U+10FFFF
    } else {
      out += '\ufffd';
      i++;
      continue;
    }
    let j = i + 1;
    let ok = true;
    for (let k = 0; k < need; k++, j++) {
      const b = bytes[j];
      const lo = k === 0 ? lower : 0x80;
      const hi = k === 0 ? upper : 0xbf;
      if (b === undefined || b < lo || b > hi) {
        ok = false;
        break;
      }
      cp = (cp << 6) | (b & 0x3f);
    }
    out += ok ? String.fromCodePoint(cp) : '\ufffd';
    i = j;
  }
  return out;
}
