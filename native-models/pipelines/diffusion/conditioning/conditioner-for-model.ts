// Picks the prompt conditioner of the model family `models check` detected: SDXL's two-encoder module or SD's one.
import path from 'node:path';
import type { ModelFolderReport } from '../../../models/index.ts';
import { loadClipTokenizer } from '../../../models/tokenizer-folder.ts';
import type { SessionCache } from '../../../runtime/index.ts';
import { SdConditioner } from './sd-conditioner.ts';
import { SdxlConditioner } from './sdxl-conditioner.ts';
import type { PromptConditioner } from './text-conditioning.ts';

export async function conditionerForModel(dir: string, report: ModelFolderReport, sessions: SessionCache): Promise<PromptConditioner> {
  const sdxl = report.diffusion?.sdxl;
  if (sdxl) {
    const tokenizers = await Promise.all(sdxl.encoders.map((e) => loadClipTokenizer(path.join(dir, e.tokenizer))));
    return new SdxlConditioner(dir, sdxl, tokenizers, sessions);
  }
  return new SdConditioner(dir, await loadClipTokenizer(path.join(dir, 'tokenizer')), sessions);
}
