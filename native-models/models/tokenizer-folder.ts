// Loads a model folder's tokenizer/ files (vocab.json, merges.txt, optional configs) into a ClipTokenizer.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TesseraError } from '../api/errors.ts';
import { ClipTokenizer } from '../core/tokenizer/clip-tokenizer.ts';

async function readText(dir: string, name: string, required: boolean): Promise<string | undefined> {
  try {
    return await readFile(join(dir, name), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!required && code === 'ENOENT') return undefined;
    const problem = code === 'ENOENT' ? 'is missing' : `cannot be read (${code ?? (error as Error).message})`;
    throw new TesseraError('TOKENIZER_INVALID', `tokenizer file ${join(dir, name)} ${problem}, expected a readable ${name}`);
  }
}

async function readJson(dir: string, name: string): Promise<unknown> {
  const text = await readText(dir, name, false);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new TesseraError('TOKENIZER_INVALID', `tokenizer file ${join(dir, name)}: not valid JSON (${(error as Error).message}), expected a JSON object`);
  }
}

/**
 * Reads `dir`/vocab.json and `dir`/merges.txt (required) and tokenizer_config.json / special_tokens_map.json
 * (optional; SD 2.x's pad token "!" comes from the latter). Missing or malformed files are TOKENIZER_INVALID.
 */
export async function loadClipTokenizer(dir: string): Promise<ClipTokenizer> {
  const [vocabJson, mergesTxt, tokenizerConfig, specialTokensMap] = await Promise.all([
    readText(dir, 'vocab.json', true),
    readText(dir, 'merges.txt', true),
    readJson(dir, 'tokenizer_config.json'),
    readJson(dir, 'special_tokens_map.json'),
  ]);
  try {
    return ClipTokenizer.fromFiles({ vocabJson: vocabJson!, mergesTxt: mergesTxt!, tokenizerConfig, specialTokensMap });
  } catch (error) {
    if (error instanceof TesseraError) {
      throw new TesseraError(error.code, `${dir}: ${error.message}`, error.details);
    }
    throw error;
  }
}
