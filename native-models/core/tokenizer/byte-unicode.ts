// GPT-2/CLIP byte-level alphabet: every byte gets a printable unicode character so BPE never sees raw bytes.

/**
 * byte → character. Printable Latin-1 bytes ('!'..'~', '¡'..'¬', '®'..'ÿ') map to themselves; the other 68 bytes
 * (controls, space, soft hyphen, …) map in order to U+0100, U+0101, … — so space (0x20) is 'Ġ' (U+0120).
 */
function buildByteToUnicode(): string[] {
  const table = new Array<string>(256);
  const printable = (b: number): boolean =>
    (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
  let next = 256;
  for (let b = 0; b < 256; b++) table[b] = String.fromCharCode(printable(b) ? b : next++);
  return table;
}

export const BYTE_TO_UNICODE: readonly string[] = buildByteToUnicode();

export const UNICODE_TO_BYTE: ReadonlyMap<string, number> = new Map(BYTE_TO_UNICODE.map((ch, b) => [ch, b]));
