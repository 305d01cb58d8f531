// The last conditioning is reused only for the same prompt, negative prompt and size; a failed encode is retried.
import { describe, expect, it } from 'vitest';
import { rememberLastPrompt } from '../../../../native-models/pipelines/diffusion/conditioning/last-prompt-memo.ts';
import type { ConditioningRequest, PromptConditioner, TextConditioning } from '../../../../native-models/pipelines/diffusion/conditioning/text-conditioning.ts';

/** A conditioner whose result records which call made it. */
function countingConditioner(failFirst = false): PromptConditioner & { calls: ConditioningRequest[] } {
  const calls: ConditioningRequest[] = [];
  return {
    calls,
    parts: ['text_encoder/model.onnx'],
    async encode(request) {
      calls.push(request);
      if (failFirst && calls.length === 1) throw new Error('encoder failed');
      const hidden = { data: new Float32Array([calls.length]), dims: [1, 1, 1] } as unknown as TextConditioning['hidden'];
      return { cond: { hidden, added: {} } };
    },
  };
}

const request: ConditioningRequest = { prompt: 'a lighthouse', negativePrompt: 'blurry', width: 512, height: 512 };

describe('rememberLastPrompt', () => {
  it('encodes a repeated request once and each changed one again', async () => {
    const inner = countingConditioner();
    const memo = rememberLastPrompt(inner);
    const first = await memo.encode(request);
    expect(await memo.encode({ ...request })).toBe(first);
    await memo.encode({ ...request, negativePrompt: undefined });
    await memo.encode({ ...request, negativePrompt: undefined, width: 768 });
    await memo.encode({ ...request, prompt: 'a lighthouse at night', negativePrompt: undefined, width: 768 });
    expect(inner.calls).toHaveLength(4);
    expect(memo.parts).toEqual(inner.parts);
  });

  it('does not keep a failed encode', async () => {
    const inner = countingConditioner(true);
    const memo = rememberLastPrompt(inner);
    await expect(memo.encode(request)).rejects.toThrow('encoder failed');
    const retried = await memo.encode(request);
    expect(inner.calls).toHaveLength(2);
    expect(Array.from(retried.cond.hidden.data)).toEqual([2]);
  });
});
