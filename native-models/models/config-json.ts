// Reads the JSON config files of model folders. diffusers writes them with Python's json module, which emits
// the bare tokens Infinity, -Infinity and NaN (e.g. DPMSolverMultistepScheduler's "lambda_min_clipped": -Infinity);
// JSON.parse rejects those, so they are turned into the strings the config parsers accept.

/** JSON.parse that accepts Python's non-finite number tokens outside strings (as "-Infinity" / "Infinity" / "NaN"). */
export function parseConfigJson(text: string): unknown {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (inString) {
      out += ch;
      if (ch === '\\') out += text[++i] ?? '';
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') {
      inString = true;
      out += ch;
      continue;
    }
    const token = /^(-?Infinity|NaN)/.exec(text.slice(i, i + 9));
    if (token) {
      out += `"${token[1]}"`;
      i += token[1]!.length - 1;
      continue;
    }
    out += ch;
  }
  return JSON.parse(out);
}
