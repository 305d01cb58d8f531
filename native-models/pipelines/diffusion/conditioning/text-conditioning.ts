// What a model family's prompt encoder hands the denoise loop: the cross-attention states and any added
// per-prompt UNet inputs (SDXL's text_embeds and time_ids), each for one prompt, batch axis 1.
import type { PromptEmbeddings } from '../prompt-embeddings.ts';

export interface TextConditioning {
  /** encoder_hidden_states [1, 77·chunks, H] float32. */
  hidden: PromptEmbeddings;
  /** Added UNet inputs by their ONNX name, each [1, D] float32 (empty for SD 1.x/2.x). */
  added: Record<string, Float32Array>;
}

export interface ConditioningRequest {
  prompt: string;
  /** undefined: no classifier-free guidance, so no unconditional pass; '' is "no negative prompt". */
  negativePrompt: string | undefined;
  /** The requested image size in pixels (SDXL's time_ids). */
  width: number;
  height: number;
}

/** One per model family, chosen when the model is opened (conditioner-for-model.ts). */
export interface PromptConditioner {
  encode(request: ConditioningRequest): Promise<{ cond: TextConditioning; uncond?: TextConditioning }>;
  /** The ONNX files it opens, so the model can release their sessions. */
  readonly parts: readonly string[];
}

/** Repeats one [1, D] per-prompt row B times along the batch axis. */
export function repeatRows(row: Float32Array, batch: number): Float32Array {
  const out = new Float32Array(row.length * batch);
  for (let b = 0; b < batch; b++) out.set(row, b * row.length);
  return out;
}
