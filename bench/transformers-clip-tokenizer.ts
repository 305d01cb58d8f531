// @huggingface/transformers' CLIPTokenizer, built offline from the same vocab.json + merges.txt as ours. Those
// "slow tokenizer" files are all an SD tokenizer/ folder ships, while transformers.js loads only tokenizer.json,
// so this writes the tokenizer.json that transformers' CLIP converter produces for them (normalizer NFC →
// whitespace runs to one space → lowercase; CLIP's split regex then byte-level; BPE with the "</w>" suffix;
// start/end tokens added by RobertaProcessing) and hands it to the CLIPTokenizer constructor. No hub access.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What the comparison needs: ids without start/end tokens, as ClipTokenizer.encode gives. */
export interface ReferenceTokenizer {
  encode(text: string): number[];
}

const BOS = '<|startoftext|>';
const EOS = '<|endoftext|>';
/** CLIP's pre-tokenization pattern (openai/CLIP simple_tokenizer.py, as the converter writes it). */
const CLIP_SPLIT = "<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|[^\\s\\p{L}\\p{N}]+";

export async function loadTransformersClipTokenizer(dir: string): Promise<ReferenceTokenizer> {
  const { CLIPTokenizer, env } = await import('@huggingface/transformers');
  env.allowRemoteModels = false; // offline: never reach the hub
  const vocab = JSON.parse(await readFile(join(dir, 'vocab.json'), 'utf8')) as Record<string, number>;
  const merges = (await readFile(join(dir, 'merges.txt'), 'utf8'))
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'));
  const special = (content: string) => ({ id: vocab[content], content, single_word: false, lstrip: false, rstrip: false, normalized: true, special: true });
  const tokenizerJson = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [special(BOS), special(EOS)],
    normalizer: { type: 'Sequence', normalizers: [{ type: 'NFC' }, { type: 'Replace', pattern: { Regex: '\\s+' }, content: ' ' }, { type: 'Lowercase' }] },
    pre_tokenizer: {
      type: 'Sequence',
      pretokenizers: [
        { type: 'Split', pattern: { Regex: CLIP_SPLIT }, behavior: 'Removed', invert: true },
        { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: false },
      ],
    },
    post_processor: { type: 'RobertaProcessing', sep: [EOS, vocab[EOS]], cls: [BOS, vocab[BOS]], trim_offsets: false, add_prefix_space: false },
    decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: { type: 'BPE', dropout: null, unk_token: EOS, continuing_subword_prefix: '', end_of_word_suffix: '</w>', fuse_unk: false, byte_fallback: false, vocab, merges },
  };
  const config = { tokenizer_class: 'CLIPTokenizer', bos_token: BOS, eos_token: EOS, unk_token: EOS, pad_token: EOS, model_max_length: 77, do_lower_case: true };
  const tokenizer = new CLIPTokenizer(tokenizerJson, config);
  return { encode: (text) => tokenizer.encode(text, { add_special_tokens: false }) };
}
