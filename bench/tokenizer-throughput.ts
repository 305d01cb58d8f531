// CLIP tokenizer throughput (prompts per second) over varied prompts. The comparison with
// @huggingface/transformers' CLIPTokenizer needs that package, which is not installed here (no npm install
// allowed in this project), so only Tessera's side is measured and the output says so.
import { createRequire } from 'node:module';
import { loadClipTokenizer } from '../native-models/models/tokenizer-folder.ts';
import { median, timeRuns } from './stats.ts';

const SUBJECTS = ['a lighthouse', 'an old fisherman', 'a red fox', 'a futuristic city', 'a bowl of ramen', 'two cats', 'a castle'];
const STYLES = ['oil painting', 'watercolour', 'photorealistic, 85mm', 'pixel art', 'studio ghibli style', 'isometric render'];
const EXTRAS = ['at sunset', 'in the rain', '(dramatic lighting:1.3)', 'highly detailed, 4k', 'on a snowy mountain', 'neon glow'];

export function benchPrompts(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${SUBJECTS[i % 7]} ${EXTRAS[(i * 5) % 6]}, ${STYLES[(i * 3) % 6]}, variant ${i}`);
}

export function transformersInstalled(): boolean {
  try {
    createRequire(import.meta.url).resolve('@huggingface/transformers');
    return true;
  } catch {
    return false;
  }
}

export async function measureTokenizer(tokenizerDir: string, prompts: number, reps: number): Promise<{ promptsPerS: number; prompts: number }> {
  const tokenizer = await loadClipTokenizer(tokenizerDir);
  const texts = benchPrompts(prompts);
  for (const t of texts.slice(0, 50)) tokenizer.encode(t); // warm-up (JIT)
  const ms = median(
    await timeRuns(reps, async () => {
      for (const t of texts) tokenizer.encode(t);
    }),
  );
  return { promptsPerS: prompts / (ms / 1000), prompts };
}
