// Reads a prompts file for `batch generate`. One prompt per line, either plain text or a JSON object
// carrying its own options; empty lines and lines starting with '#' are ignored. Line numbers (1-based)
// name the items, so editing one line redoes only that line's images.
//
//   a red circle
//   {"prompt": "a blue square", "negativePrompt": "red", "seed": 7, "steps": 10, "count": 2}
//
// JSON keys: prompt (required), negativePrompt (or negative), seed, steps, guidance, scheduler, width,
// height, count (the images of that prompt; default --count).

import { readFile } from 'node:fs/promises';
import { TesseraError } from '../../api/errors.ts';

export interface PromptOptions {
  negativePrompt?: string;
  seed?: number;
  steps?: number;
  guidance?: number;
  scheduler?: string;
  width?: number;
  height?: number;
  count?: number;
}

export type PromptLine = { line: number; prompt: string; options: PromptOptions } | { line: number; error: string };

const NUMBER_KEYS = ['seed', 'steps', 'guidance', 'width', 'height', 'count'] as const;
const STRING_KEYS = ['negativePrompt', 'scheduler'] as const;
const KNOWN = new Set<string>(['prompt', 'negative', ...NUMBER_KEYS, ...STRING_KEYS]);

export function parsePromptsText(text: string): PromptLine[] {
  const lines: PromptLine[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    if (!trimmed.startsWith('{')) {
      lines.push({ line, prompt: trimmed, options: {} });
      return;
    }
    try {
      lines.push({ line, ...parseJsonLine(trimmed) });
    } catch (error) {
      lines.push({ line, error: `line ${line}: ${(error as Error).message}` });
    }
  });
  return lines;
}

function parseJsonLine(text: string): { prompt: string; options: PromptOptions } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error('got a line starting with "{" that is not valid JSON, expected {"prompt": "…", …options}');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('got JSON that is not an object, expected {"prompt": "…"}');
  const record = value as Record<string, unknown>;
  if (typeof record.prompt !== 'string') throw new Error(`prompt: got ${JSON.stringify(record.prompt)}, expected a string`);
  for (const key of Object.keys(record)) if (!KNOWN.has(key)) throw new Error(`got unknown option "${key}", expected one of ${[...KNOWN].join(', ')}`);
  const options: PromptOptions = {};
  for (const key of NUMBER_KEYS) {
    const v = record[key];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`${key}: got ${JSON.stringify(v)}, expected a number`);
    options[key] = v;
  }
  const negative = record.negativePrompt ?? record.negative;
  if (negative !== undefined && typeof negative !== 'string') throw new Error(`negativePrompt: got ${JSON.stringify(negative)}, expected a string`);
  if (negative !== undefined) options.negativePrompt = negative as string;
  if (record.scheduler !== undefined && typeof record.scheduler !== 'string') throw new Error(`scheduler: got ${JSON.stringify(record.scheduler)}, expected a string`);
  if (record.scheduler !== undefined) options.scheduler = record.scheduler as string;
  if (options.count !== undefined && (!Number.isInteger(options.count) || options.count < 1 || options.count > 1000)) {
    throw new Error(`count: got ${options.count}, expected an integer from 1 to 1000`);
  }
  return { prompt: record.prompt, options };
}

export async function readPromptsFile(path: string): Promise<PromptLine[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new TesseraError('INVALID_ARGUMENT', `prompts file ${path}: cannot read it (${code ?? String(error)}), expected a text file with one prompt per line`, { errno: code });
  }
  return promptsOf(text, `prompts file ${path}`);
}

/** Parses a prompt list given as text (a file's, or one typed in the app); `source` names it in the error. */
export function promptsOf(text: string, source: string): PromptLine[] {
  const lines = parsePromptsText(text);
  if (lines.length === 0) throw new TesseraError('INVALID_ARGUMENT', `${source}: got no prompts, expected one prompt per line`);
  return lines;
}
