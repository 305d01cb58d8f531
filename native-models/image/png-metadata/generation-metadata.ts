// Writes generation parameters into PNG bytes (A1111 `parameters` infotext + Tessera's strict JSON in a
// `tessera` chunk) and reads them back, also from the chunks other tools write.

import { TesseraError } from '../../api/errors.ts';
import {
  GenerationParametersSchema,
  TESSERA_METADATA_VERSION,
  TesseraImageMetadataSchema,
} from '../../api/generation-parameters.ts';
import type {
  GenerationParameters,
  MetadataDialect,
  PartialGenerationParameters,
  TesseraImageMetadata,
} from '../../api/generation-parameters.ts';
import { formatA1111Infotext, parseA1111Infotext } from './a1111-infotext.ts';
import { parseComfyPrompt, parseComfyWorkflow } from './comfyui-metadata.ts';
import { parseInvokeMetadata } from './invokeai-metadata.ts';
import { isPng, readPngTextChunks, setPngTextChunks } from './png-text-chunks.ts';

/** PNG text chunk keywords: ours, and the ones other tools use. */
export const TESSERA_KEYWORD = 'tessera';
export const A1111_KEYWORD = 'parameters';

export type GenerationMetadata =
  | { dialect: 'tessera'; parameters: GenerationParameters; generator?: string }
  | {
      dialect: Exclude<MetadataDialect, 'tessera'>;
      parameters: PartialGenerationParameters;
      /** Set when a `tessera` chunk was present but unusable, so a foreign dialect was read instead. */
      warning?: string;
    };

export interface WriteMetadataOptions {
  /** Program and version, e.g. "tessera 0.1.0": stored in the JSON and as A1111's "Version". */
  generator?: string;
}

/** Returns the PNG with both chunks set (replacing earlier ones). Invalid parameters: INVALID_ARGUMENT. */
export function addGenerationParameters(
  png: Uint8Array,
  parameters: GenerationParameters,
  options: WriteMetadataOptions = {},
): Uint8Array {
  const checked = GenerationParametersSchema.safeParse(parameters);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new TesseraError('INVALID_ARGUMENT', `generation parameters: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const record: TesseraImageMetadata = {
    version: TESSERA_METADATA_VERSION,
    ...(options.generator ? { generator: options.generator } : {}),
    parameters: checked.data,
  };
  return setPngTextChunks(png, [
    { keyword: A1111_KEYWORD, text: formatA1111Infotext(checked.data, options.generator) },
    { keyword: TESSERA_KEYWORD, text: JSON.stringify(record) },
  ]);
}

/**
 * The parameters recorded in a PNG: Tessera's JSON when present and valid, else the first dialect found
 * of A1111 / stable-diffusion.cpp `parameters`, InvokeAI `invokeai_metadata`, ComfyUI `prompt`, ComfyUI
 * `workflow`. Null when the bytes are not a PNG or carry none of these. A damaged PNG: IMAGE_UNREADABLE.
 */
export function readGenerationParameters(png: Uint8Array): GenerationMetadata | null {
  if (!isPng(png)) return null;
  const texts = new Map<string, string>();
  for (const chunk of readPngTextChunks(png)) if (!texts.has(chunk.keyword)) texts.set(chunk.keyword, chunk.text);

  let warning: string | undefined;
  const own = texts.get(TESSERA_KEYWORD);
  if (own !== undefined) {
    const parsed = parseTesseraRecord(own);
    if ('record' in parsed) {
      const { parameters, generator } = parsed.record;
      return generator === undefined ? { dialect: 'tessera', parameters } : { dialect: 'tessera', parameters, generator };
    }
    warning = parsed.problem;
  }
  const foreign = readForeign(texts);
  if (!foreign) return null;
  return warning === undefined ? foreign : { ...foreign, warning };
}

function readForeign(texts: Map<string, string>): Exclude<GenerationMetadata, { dialect: 'tessera' }> | null {
  const infotext = texts.get(A1111_KEYWORD);
  if (infotext !== undefined) {
    const parsed = parseA1111Infotext(infotext);
    if (parsed) return parsed;
  }
  const invoke = texts.get('invokeai_metadata');
  const fromInvoke = invoke === undefined ? null : parseInvokeMetadata(invoke);
  if (fromInvoke) return { dialect: 'invokeai', parameters: fromInvoke };
  const prompt = texts.get('prompt');
  const fromPrompt = prompt === undefined ? null : parseComfyPrompt(prompt);
  if (fromPrompt) return { dialect: 'comfyui', parameters: fromPrompt };
  const workflow = texts.get('workflow');
  const fromWorkflow = workflow === undefined ? null : parseComfyWorkflow(workflow);
  if (fromWorkflow) return { dialect: 'comfyui', parameters: fromWorkflow };
  return null;
}

function parseTesseraRecord(text: string): { record: TesseraImageMetadata } | { problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { problem: `tessera metadata: got invalid JSON (${(error as Error).message}), expected a JSON object` };
  }
  const checked = TesseraImageMetadataSchema.safeParse(json);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    return { problem: `tessera metadata: ${issue.path.join('.') || '(root)'}: ${issue.message}` };
  }
  return { record: checked.data };
}
