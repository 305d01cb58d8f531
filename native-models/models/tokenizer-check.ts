// Validates a tokenizer/ folder's CLIP BPE files without building the tokenizer.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { FolderProblem } from './model-folder-report.ts';

export async function checkTokenizerFolder(dir: string): Promise<FolderProblem[]> {
  const problems: FolderProblem[] = [];
  const vocabPath = path.join(dir, 'vocab.json');
  const mergesPath = path.join(dir, 'merges.txt');
  const vocabText = await fs.readFile(vocabPath, 'utf8').catch(() => undefined);
  if (vocabText === undefined) {
    problems.push({ code: 'TOKENIZER_INVALID', message: `${vocabPath}: missing (CLIP tokenizer vocabulary)` });
  } else {
    try {
      const vocab = JSON.parse(vocabText) as Record<string, unknown>;
      if (typeof vocab !== 'object' || vocab === null || Array.isArray(vocab)) throw new Error('not a JSON object');
      if (typeof vocab['<|endoftext|>'] !== 'number') throw new Error('has no <|endoftext|> token');
    } catch (error) {
      problems.push({ code: 'TOKENIZER_INVALID', message: `${vocabPath}: malformed (${(error as Error).message})` });
    }
  }
  const merges = await fs.readFile(mergesPath, 'utf8').catch(() => undefined);
  if (merges === undefined) {
    problems.push({ code: 'TOKENIZER_INVALID', message: `${mergesPath}: missing (CLIP BPE merges)` });
  } else {
    const lines = merges.split('\n').filter((l) => l.length > 0 && !l.startsWith('#version'));
    const bad = lines.findIndex((l) => l.split(' ').length !== 2);
    if (lines.length === 0) problems.push({ code: 'TOKENIZER_INVALID', message: `${mergesPath}: malformed (no merge rules)` });
    else if (bad >= 0) problems.push({ code: 'TOKENIZER_INVALID', message: `${mergesPath}: malformed (line ${bad + 2} is not "a b")` });
  }
  return problems;
}
