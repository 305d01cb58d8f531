// SD 1.x/2.x conditioning: one CLIP text encoder's last_hidden_state, nothing added to the UNet.
import path from 'node:path';
import type { ClipTokenizer } from '../../../core/tokenizer/clip-tokenizer.ts';
import type { SessionCache } from '../../../runtime/index.ts';
import { DIFFUSION_PARTS } from '../../../models/diffusion-contracts.ts';
import { encodePromptPair } from '../prompt-embeddings.ts';
import type { ConditioningRequest, PromptConditioner, TextConditioning } from './text-conditioning.ts';

export class SdConditioner implements PromptConditioner {
  readonly parts: readonly string[];

  constructor(
    dir: string,
    private readonly tokenizer: ClipTokenizer,
    private readonly sessions: SessionCache,
  ) {
    this.parts = [path.join(dir, DIFFUSION_PARTS.textEncoder)];
  }

  async encode(request: ConditioningRequest): Promise<{ cond: TextConditioning; uncond?: TextConditioning }> {
    const { cond, uncond } = await this.sessions.useAndRelease(this.parts[0]!, (textEncoder) =>
      encodePromptPair(textEncoder, this.tokenizer, request.prompt, request.negativePrompt),
    );
    return { cond: { hidden: cond, added: {} }, ...(uncond ? { uncond: { hidden: uncond, added: {} } } : {}) };
  }
}
