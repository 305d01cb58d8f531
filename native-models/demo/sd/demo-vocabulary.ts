// The demo text encoder's known words as real CLIP token ids, read from the shipped vocab.json and merges.txt.
// A word that BPE splits (e.g. "cyan" → "cy" + "an</w>") is recognised as that exact token pair.
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_WORDS, FEATURE_CHANNELS, type DemoFeatureName } from './demo-sd-spec.ts';

/** The real CLIP tokenizer files (vocab.json, merges.txt) every demo folder ships. */
export const CLIP_TOKENIZER_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'assets', 'clip-tokenizer');

export interface DemoWordTokens {
  word: string;
  feature: DemoFeatureName;
  /** Feature channel of `last_hidden_state` this word lights up. */
  channel: number;
  /** CLIP ids of the word's BPE tokens (1 or 2 of them). */
  tokenIds: number[];
}

export interface DemoVocabulary {
  words: DemoWordTokens[];
}

/** BPE of one lower-case word, the way CLIP merges a pre-tokenised word (last symbol carries `</w>`). */
function bpeWord(word: string, mergeRank: Map<string, number>): string[] {
  const parts = [...word];
  parts[parts.length - 1] += '</w>';
  while (parts.length > 1) {
    let best = -1;
    let bestRank = Number.POSITIVE_INFINITY;
    for (let i = 0; i < parts.length - 1; i++) {
      const rank = mergeRank.get(`${parts[i]} ${parts[i + 1]}`);
      if (rank !== undefined && rank < bestRank) {
        bestRank = rank;
        best = i;
      }
    }
    if (best < 0) break;
    parts.splice(best, 2, parts[best]! + parts[best + 1]!);
  }
  return parts;
}

export async function loadDemoVocabulary(tokenizerDir: string = CLIP_TOKENIZER_DIR): Promise<DemoVocabulary> {
  const vocab = JSON.parse(await fs.readFile(path.join(tokenizerDir, 'vocab.json'), 'utf8')) as Record<string, number>;
  const mergeLines = (await fs.readFile(path.join(tokenizerDir, 'merges.txt'), 'utf8')).split('\n');
  // Line 0 is the "#version" header; rank = order of the merge.
  const mergeRank = new Map<string, number>();
  mergeLines.slice(1).forEach((line, i) => {
    if (line.trim() !== '') mergeRank.set(line.trim(), i);
  });
  const words = DEMO_WORDS.map(({ word, feature }) => {
    const tokens = bpeWord(word, mergeRank);
    const tokenIds = tokens.map((t) => {
      const id = vocab[t];
      if (id === undefined) throw new Error(`demo vocabulary: BPE token "${t}" of "${word}" is not in vocab.json`);
      return id;
    });
    if (tokenIds.length > 2) throw new Error(`demo vocabulary: "${word}" splits into ${tokenIds.length} tokens, expected at most 2`);
    return { word, feature, channel: FEATURE_CHANNELS.indexOf(feature), tokenIds };
  });
  return { words };
}
