// Counts a prompt's tokens per 77-token chunk with the model's own CLIP tokenizer, as the encoder will pack them
// (weighting syntax, BREAK and the comma backtrack included), for the prompt editor's counter. Tokenizers are
// kept per model folder: loading vocab.json and merges.txt takes longer than counting.
import path from 'node:path';
import { TesseraError } from '../api/errors.ts';
import type { ApiResult } from '../api/index.ts';
import type { ClipTokenizer } from '../core/tokenizer/clip-tokenizer.ts';
import { promptChunkTokenCounts } from '../core/tokenizer/prompt-weighting.ts';
import { inspectModelFolder } from '../models/index.ts';
import { loadClipTokenizer } from '../models/tokenizer-folder.ts';

/** Folders whose tokenizer stays loaded (a user switches among a few models). */
const KEPT = 8;

export class PromptTokenCounter {
  private readonly tokenizers = new Map<string, Promise<ClipTokenizer>>();

  async count(modelId: string, modelDir: string, prompt: string): Promise<ApiResult<'countPromptTokens'>> {
    const tokenizer = await this.tokenizerOf(modelId, modelDir);
    return { chunks: promptChunkTokenCounts(tokenizer, prompt), chunkCapacity: tokenizer.modelMaxLength - 2 };
  }

  /** Forgets a folder's tokenizer (the model was deleted or replaced). */
  forget(modelDir: string): void {
    this.tokenizers.delete(modelDir);
  }

  private tokenizerOf(modelId: string, modelDir: string): Promise<ClipTokenizer> {
    let pending = this.tokenizers.get(modelDir);
    if (!pending) {
      pending = (async () => {
        const report = await inspectModelFolder(modelDir);
        if (report.kind !== 'diffusion') throw new TesseraError('INVALID_ARGUMENT', `got model "${modelId}" of kind ${report.kind}, expected a diffusion model (only its text encoder reads a prompt)`);
        // SDXL's encoders share CLIP's BPE and chunking: the first one's tokenizer counts for both (the refiner has only tokenizer_2)
        return loadClipTokenizer(path.join(modelDir, report.diffusion?.sdxl?.encoders[0]?.tokenizer ?? 'tokenizer'));
      })();
      // A failure is not kept: the folder may be fixed.
      pending.catch(() => this.tokenizers.delete(modelDir));
      this.tokenizers.set(modelDir, pending);
      if (this.tokenizers.size > KEPT) this.tokenizers.delete(this.tokenizers.keys().next().value!);
    }
    return pending;
  }
}
