// The text encoders are loaded for each encode and released after it (SessionCache.useAndRelease), so that their
// weights are not resident while the UNet and the VAE run. Regenerating the same prompt with another seed, the most
// common next click, then reuses the last conditioning instead of loading the encoders again.
import type { ConditioningRequest, PromptConditioner, TextConditioning } from './text-conditioning.ts';

type Encoded = { cond: TextConditioning; uncond?: TextConditioning };

export function rememberLastPrompt(conditioner: PromptConditioner): PromptConditioner {
  let last: { key: string; encoded: Promise<Encoded> } | undefined;
  return {
    parts: conditioner.parts,
    encode(request: ConditioningRequest): Promise<Encoded> {
      const key = JSON.stringify([request.prompt, request.negativePrompt ?? null, request.width, request.height]);
      if (last?.key !== key) {
        const encoded = conditioner.encode(request);
        // a failed encode is not remembered: the next call tries again
        encoded.catch(() => {
          if (last?.encoded === encoded) last = undefined;
        });
        last = { key, encoded };
      }
      return last.encoded;
    },
  };
}
