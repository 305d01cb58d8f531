// An axis typed as text — `steps=10,20,30` on the command line, "10, 20, 30" in the Studio — as the contract's
// XyAxis. Values are comma-separated; a value holding a comma is quoted ("a cat, running"), as in A1111's fields.
import { TesseraError } from '../../api/errors.ts';
import { XY_AXES, XyAxisSchema, type XyAxis, type XyAxisName } from '../../api/xy-grid-schemas.ts';

const NUMERIC_AXES: ReadonlySet<XyAxisName> = new Set(['seed', 'steps', 'guidance']);

export function isXyAxisName(name: string): name is XyAxisName {
  return (XY_AXES as readonly string[]).includes(name);
}

/** Splits on commas outside double quotes; quotes are dropped, `""` inside quotes is one quote; values are trimmed. */
export function splitAxisValues(text: string): string[] {
  const values: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"' && quoted && text[i + 1] === '"') {
      current += '"';
      i++;
    } else if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) {
      values.push(current.trim());
      current = '';
    } else current += ch;
  }
  if (quoted) throw new TesseraError('INVALID_ARGUMENT', `axis values: got an unclosed quote in "${text}", expected "…" around a value holding a comma`);
  values.push(current.trim());
  return values.filter((v) => v.length > 0);
}

/** The values of `axis` from text, checked against the contract (numbers in their limits, at most 16 values). */
export function parseAxisValues(axis: XyAxisName, text: string): XyAxis {
  const raw = splitAxisValues(text);
  if (raw.length === 0) throw new TesseraError('INVALID_ARGUMENT', `${axis}: got no values, expected a comma-separated list such as ${axis === 'steps' ? '10,20,30' : 'a,b'}`);
  const values = NUMERIC_AXES.has(axis)
    ? raw.map((v) => {
        const n = Number(v);
        if (!Number.isFinite(n)) throw new TesseraError('INVALID_ARGUMENT', `${axis}: got "${v}", expected a number`);
        return n;
      })
    : raw;
  const parsed = XyAxisSchema.safeParse({ axis, values });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const at = issue.path.length > 1 ? ` (value ${Number(issue.path[1]) + 1}: ${JSON.stringify(values[Number(issue.path[1])])})` : '';
    throw new TesseraError('INVALID_ARGUMENT', `${axis}${at}: ${issue.message}`);
  }
  return parsed.data;
}

/** `steps=10,20,30` → the steps axis; the axis name must be one of XY_AXES. */
export function parseAxisSpec(spec: string): XyAxis {
  const eq = spec.indexOf('=');
  const name = (eq < 0 ? spec : spec.slice(0, eq)).trim();
  if (eq < 0 || !isXyAxisName(name)) {
    throw new TesseraError('INVALID_ARGUMENT', `got axis "${spec}", expected NAME=V1,V2,… with NAME one of ${XY_AXES.join(', ')}`);
  }
  return parseAxisValues(name, spec.slice(eq + 1));
}
