// CLIP tokenizer throughput (prompts per second) over varied prompts: Tessera's ClipTokenizer against
// @huggingface/transformers' CLIPTokenizer built from the same vocab.json + merges.txt (offline), timed
// alternately on the same prompts, with a count of prompts whose ids differ.
import { loadClipTokenizer } from '../native-models/models/tokenizer-folder.ts';
import { median, timeRuns } from './stats.ts';
import { loadTransformersClipTokenizer, type ReferenceTokenizer } from './transformers-clip-tokenizer.ts';

const SUBJECTS = ['a lighthouse', 'an old fisherman', 'a red fox', 'a futuristic city', 'a bowl of ramen', 'two cats', 'a castle'];
const STYLES = ['oil painting', 'watercolour', 'photorealistic, 85mm', 'pixel art', 'studio ghibli style', 'isometric render'];
const EXTRAS = ['at sunset', 'in the rain', '(dramatic lighting:1.3)', 'highly detailed, 4k', 'on a snowy mountain', 'neon glow'];

export function benchPrompts(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${SUBJECTS[i % 7]} ${EXTRAS[(i * 5) % 6]}, ${STYLES[(i * 3) % 6]}, variant ${i}`);
}

export interface TokenizerThroughput {
  prompts: number;
  promptsPerS: number;
  transformersPromptsPerS: number;
  /** Prompts whose ids (without start/end tokens) differ between the two tokenizers. */
  mismatches: number;
}

export async function measureTokenizer(tokenizerDir: string, prompts: number, reps: number): Promise<TokenizerThroughput> {
  const ours: ReferenceTokenizer = await loadClipTokenizer(tokenizerDir);
  const theirs = await loadTransformersClipTokenizer(tokenizerDir);
  const texts = benchPrompts(prompts);
  let mismatches = 0;
  for (const t of texts) if (ours.encode(t).join(' ') !== theirs.encode(t).join(' ')) mismatches += 1; // also the JIT warm-up
  const oursMs: number[] = [];
  const theirsMs: number[] = [];
  // Alternating repetitions, so that load from other processes weighs on both sides alike.
  for (let rep = 0; rep < reps; rep++) {
    for (const [tokenizer, ms] of [[ours, oursMs], [theirs, theirsMs]] as const) {
      ms.push(...(await timeRuns(1, async () => {
        for (const t of texts) tokenizer.encode(t);
      })));
    }
  }
  return { prompts, promptsPerS: prompts / (median(oursMs) / 1000), transformersPromptsPerS: prompts / (median(theirsMs) / 1000), mismatches };
}
