// SDXL conditioning as diffusers' StableDiffusionXLPipeline.encode_prompt builds it: per text encoder the
// penultimate hidden state (by output name), concatenated on the channel axis (768 + 1280 = 2048); the pooled
// `text_embeds` of text_encoder_2; time_ids; an all-zero negative when it is empty and the model says
// force_zeros_for_empty_prompt. Weighted prompts and 77-token chunks as A1111 does them, chunks aligned across encoders.
import path from 'node:path';
import { TesseraError } from '../../../api/errors.ts';
import type { ClipTokenizer } from '../../../core/tokenizer/clip-tokenizer.ts';
import { applyPromptWeights, tokenizeWeightedPrompt, type WeightedChunk } from '../../../core/tokenizer/prompt-weighting.ts';
import type { SdxlDetails, SdxlEncoderPart } from '../../../models/sdxl-folder-inspect.ts';
import type { OnnxModel, SessionCache } from '../../../runtime/index.ts';
import { floatOutput, tokenIdsFeed } from '../model-io-types.ts';
import { SDXL_AESTHETIC_SCORE, SDXL_NEGATIVE_AESTHETIC_SCORE, sdxlTimeIds } from './sdxl-time-ids.ts';
import type { ConditioningRequest, PromptConditioner, TextConditioning } from './text-conditioning.ts';

/** text_encoder_2's pooled, projected output (diffusers: `prompt_embeds[0]` of the last encoder). */
const POOLED_OUTPUT = 'text_embeds';

interface EncoderSlot {
  part: SdxlEncoderPart;
  file: string;
  tokenizer: ClipTokenizer;
}

interface EncodedPrompt {
  /** [1, 77·k, ΣH] */
  hidden: Float32Array;
  tokens: number;
  width: number;
  /** [1, 1280] from the first chunk (as A1111 and ComfyUI take it). */
  pooled: Float32Array;
}

/** Empty chunks appended until every list has `count` (a shorter prompt is padded, as A1111 pads the negative). */
function padChunks(chunks: WeightedChunk[], count: number, empty: WeightedChunk): WeightedChunk[] {
  return [...chunks, ...Array.from({ length: count - chunks.length }, () => empty)];
}

/** Concatenates [T, Ha] and [T, Hb] row by row into [T, Ha + Hb]. */
function concatChannels(parts: { data: Float32Array; width: number }[], tokens: number): Float32Array {
  const total = parts.reduce((s, p) => s + p.width, 0);
  const out = new Float32Array(tokens * total);
  for (let t = 0; t < tokens; t++) {
    let offset = t * total;
    for (const p of parts) {
      out.set(p.data.subarray(t * p.width, (t + 1) * p.width), offset);
      offset += p.width;
    }
  }
  return out;
}

export class SdxlConditioner implements PromptConditioner {
  readonly parts: readonly string[];
  private readonly slots: EncoderSlot[];

  constructor(
    dir: string,
    private readonly details: SdxlDetails,
    tokenizers: ClipTokenizer[],
    private readonly sessions: SessionCache,
  ) {
    if (tokenizers.length !== details.encoders.length || details.encoders.length === 0) {
      throw new TesseraError('INTERNAL', `${dir}: ${details.encoders.length} SDXL text encoders but ${tokenizers.length} tokenizers`);
    }
    this.slots = details.encoders.map((part, i) => ({ part, file: path.join(dir, part.part, 'model.onnx'), tokenizer: tokenizers[i]! }));
    this.parts = this.slots.map((s) => s.file);
  }

  async encode(request: ConditioningRequest): Promise<{ cond: TextConditioning; uncond?: TextConditioning }> {
    const { prompt, negativePrompt } = request;
    const zeroNegative = negativePrompt !== undefined && negativePrompt.trim() === '' && this.details.forceZerosForEmptyPrompt;
    const encodeNegative = negativePrompt !== undefined && !zeroNegative;
    // Both tokenizers share CLIP's BPE, but a tokenizer_2 with other files could split differently: pad every list
    // to the longest so chunk k of each encoder (and of the negative) covers the same words.
    const condChunks = this.slots.map((s) => tokenizeWeightedPrompt(s.tokenizer, prompt));
    const uncondChunks = encodeNegative ? this.slots.map((s) => tokenizeWeightedPrompt(s.tokenizer, negativePrompt)) : [];
    const count = Math.max(...[...condChunks, ...uncondChunks].map((c) => c.length));
    const empties = this.slots.map((s) => tokenizeWeightedPrompt(s.tokenizer, '')[0]!);
    const align = (lists: WeightedChunk[][]): WeightedChunk[][] => lists.map((chunks, i) => padChunks(chunks, count, empties[i]!));

    const cond = await this.encodeChunks(align(condChunks));
    const condTimeIds = this.timeIds(request, SDXL_AESTHETIC_SCORE);
    const condConditioning = this.conditioning(cond.hidden, cond.tokens, cond.width, cond.pooled, condTimeIds);
    if (negativePrompt === undefined) return { cond: condConditioning };
    const uncondTimeIds = this.timeIds(request, SDXL_NEGATIVE_AESTHETIC_SCORE);
    if (zeroNegative) {
      const zeros = this.conditioning(new Float32Array(cond.hidden.length), cond.tokens, cond.width, new Float32Array(cond.pooled.length), uncondTimeIds);
      return { cond: condConditioning, uncond: zeros };
    }
    const uncond = await this.encodeChunks(align(uncondChunks));
    return { cond: condConditioning, uncond: this.conditioning(uncond.hidden, uncond.tokens, uncond.width, uncond.pooled, uncondTimeIds) };
  }

  private timeIds(request: ConditioningRequest, aestheticScore: number): Float32Array {
    return sdxlTimeIds({ width: request.width, height: request.height, length: this.details.timeIdsLength, aestheticScore });
  }

  private conditioning(hidden: Float32Array, tokens: number, width: number, pooled: Float32Array, timeIds: Float32Array): TextConditioning {
    return { hidden: { data: hidden, dims: [1, tokens, width] }, added: { text_embeds: pooled, time_ids: timeIds } };
  }

  /** Runs each encoder on all its chunks at once ([k, 77] ids), weights each encoder's states, concatenates. */
  private async encodeChunks(chunksPerEncoder: WeightedChunk[][]): Promise<EncodedPrompt> {
    const states: { data: Float32Array; width: number }[] = [];
    let pooled: Float32Array | undefined;
    let tokens = 0;
    for (const [i, slot] of this.slots.entries()) {
      const chunks = chunksPerEncoder[i]!;
      const length = chunks[0]!.ids.length;
      const wantPooled = slot.part.part === 'text_encoder_2';
      const outputs = await this.sessions.useAndRelease(slot.file, (encoder) => this.runEncoder(encoder, slot, chunks, length, wantPooled));
      tokens = chunks.length * length;
      const dims: [number, number, number] = [1, tokens, outputs.hidden.dims[2]!];
      states.push({ data: applyPromptWeights(outputs.hidden.data, dims, chunks.flatMap((c) => c.weights)), width: dims[2] });
      if (outputs.pooled) pooled = outputs.pooled;
    }
    if (!pooled) throw new TesseraError('MODEL_INVALID', `SDXL conditioning needs "${POOLED_OUTPUT}" from text_encoder_2, which this folder lacks`);
    return { hidden: concatChannels(states, tokens), tokens, width: states.reduce((s, p) => s + p.width, 0), pooled };
  }

  private async runEncoder(encoder: OnnxModel, slot: EncoderSlot, chunks: WeightedChunk[], length: number, wantPooled: boolean) {
    const names = [slot.part.hiddenState, ...(wantPooled ? [POOLED_OUTPUT] : [])];
    const out = await encoder.run({ input_ids: tokenIdsFeed(encoder, chunks.flatMap((c) => c.ids), [chunks.length, length]) }, names);
    const hidden = floatOutput(encoder, out, slot.part.hiddenState);
    const pooledAll = wantPooled ? floatOutput(encoder, out, POOLED_OUTPUT) : undefined;
    const pooledWidth = pooledAll?.dims[1];
    return { hidden, pooled: pooledAll && pooledWidth ? pooledAll.data.slice(0, pooledWidth) : undefined };
  }
}
