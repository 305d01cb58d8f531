// Reads the special tokens and length limit from tokenizer_config.json / special_tokens_map.json (parsed JSON).
import { TesseraError } from '../../api/errors.ts';

export interface ClipSpecialTokens {
  bos: string;
  eos: string;
  unk: string;
  pad: string;
  modelMaxLength: number;
}

const DEFAULTS: ClipSpecialTokens = {
  bos: '<|startoftext|>',
  eos: '<|endoftext|>',
  unk: '<|endoftext|>',
  pad: '<|endoftext|>',
  modelMaxLength: 77,
};
// transformers writes int(1e30) when a tokenizer has no length limit; CLIP's text encoder still takes 77.
const UNSET_LENGTH_THRESHOLD = 1e12;
const KEYS = { bos: 'bos_token', eos: 'eos_token', unk: 'unk_token', pad: 'pad_token' } as const;

/** A token entry is a string or an AddedToken object `{ content: string, … }`; null/absent means "not set". */
function tokenContent(value: unknown, file: string, key: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && typeof (value as { content?: unknown }).content === 'string') {
    return (value as { content: string }).content;
  }
  throw new TesseraError('TOKENIZER_INVALID', `${file}: ${key} is ${JSON.stringify(value)}, expected a string or { "content": string }`);
}

function asObject(value: unknown, file: string): Record<string, unknown> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TesseraError('TOKENIZER_INVALID', `${file}: got ${Array.isArray(value) ? 'an array' : typeof value}, expected a JSON object`);
  }
  return value as Record<string, unknown>;
}

/**
 * special_tokens_map.json wins over tokenizer_config.json (as in transformers), which wins over CLIP's defaults.
 * This is how SD 2.x gets pad "!" although its tokenizer_config.json still names <|endoftext|>.
 */
export function resolveSpecialTokens(tokenizerConfig?: unknown, specialTokensMap?: unknown): ClipSpecialTokens {
  const config = asObject(tokenizerConfig, 'tokenizer_config.json');
  const map = asObject(specialTokensMap, 'special_tokens_map.json');
  const out = { ...DEFAULTS };
  for (const [field, key] of Object.entries(KEYS) as [keyof typeof KEYS, string][]) {
    out[field] =
      tokenContent(map[key], 'special_tokens_map.json', key) ??
      tokenContent(config[key], 'tokenizer_config.json', key) ??
      DEFAULTS[field];
  }
  const length = config['model_max_length'];
  if (length !== undefined && length !== null) {
    if (typeof length !== 'number' || !Number.isInteger(length) || length < 2) {
      throw new TesseraError('TOKENIZER_INVALID', `tokenizer_config.json: model_max_length is ${JSON.stringify(length)}, expected an integer ≥ 2`);
    }
    if (length < UNSET_LENGTH_THRESHOLD) out.modelMaxLength = length;
  }
  return out;
}
