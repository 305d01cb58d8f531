// Parses a Content-Type header as RFC 9110 defines a media type (type "/" subtype *( ";" parameter )), so
// "application/json" is matched exactly and never by prefix ("application/jsonfoo" is another type). A quoted
// parameter value holding ";" is refused rather than parsed: no client of ours sends one.

export interface MediaType {
  /** Lower-cased, e.g. "application". */
  type: string;
  /** Lower-cased, e.g. "json". */
  subtype: string;
  /** Parameter names lower-cased; values unquoted, case kept. */
  parameters: Map<string, string>;
}

const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const TYPE_AND_SUBTYPE = new RegExp(`^(${TOKEN})/(${TOKEN})$`);
const PARAMETER = new RegExp(`^(${TOKEN})=(?:(${TOKEN})|"((?:[^"\\\\]|\\\\.)*)")$`);

/** The parsed media type, or undefined when the header is not one media type. */
export function parseMediaType(header: string): MediaType | undefined {
  const [essence = '', ...rest] = header.split(';');
  const match = TYPE_AND_SUBTYPE.exec(essence.trim());
  if (!match) return undefined;
  const parameters = new Map<string, string>();
  for (const part of rest) {
    const parameter = PARAMETER.exec(part.trim());
    if (!parameter) return undefined;
    parameters.set(parameter[1]!.toLowerCase(), parameter[2] ?? parameter[3]!.replace(/\\(.)/g, '$1'));
  }
  return { type: match[1]!.toLowerCase(), subtype: match[2]!.toLowerCase(), parameters };
}

/** application/json, with at most a UTF-8 charset (RFC 8259: JSON between systems is UTF-8). */
export function isJsonMediaType(header: string | undefined): boolean {
  const media = parseMediaType(header ?? '');
  if (!media || media.type !== 'application' || media.subtype !== 'json') return false;
  const charset = media.parameters.get('charset');
  return charset === undefined || charset.toLowerCase() === 'utf-8';
}
