// The generate batch job: every prompt of a prompts file (see prompts-file.ts) → `count` images, one item
// per image: input `prompts.txt#L3#2` (line 3, image 2), output `prompts-L0003-2.png` with its generation
// parameters in the PNG, its seed in the manifest.

import { basename } from 'node:path';
import { TesseraError } from '../../api/errors.ts';
import type { DiffusionModel } from '../../pipelines/diffusion/diffusion-model.ts';
import type { FullGenerationRequest } from '../../pipelines/diffusion/run-generation.ts';
import type { BatchItem, BatchJob } from '../batch-job.ts';
import { sha256Hex } from '../content-hash.ts';
import { generateItemId, generateOutput } from '../output-naming.ts';
import { derivedSeed, refinerOfRequest, type GenerationSettings } from './generation-settings.ts';
import { promptsOf, readPromptsFile } from './prompts-file.ts';
import { generationStages, type GeneratedItem } from './generation-stages.ts';

export interface GenerateJobOptions extends GenerationSettings {
  model: DiffusionModel;
  /** The prompts: a file, or the same lines given as text (`promptsText`, named `promptsName`, default prompts.txt). */
  promptsFile?: string;
  promptsText?: string;
  promptsName?: string;
  /** Images per prompt unless a line says otherwise (default 1). */
  count?: number;
  /** The opened refiner `refiner` names. */
  refinerModel?: DiffusionModel;
}

interface GenerateItem extends BatchItem {
  /** Null when the prompt line could not be read: the item fails with `error`. */
  request: FullGenerationRequest | null;
  error?: string;
}

export type GenerateJob = BatchJob<GenerateItem, FullGenerationRequest, FullGenerationRequest, GeneratedItem>;

export async function createGenerateJob(options: GenerateJobOptions): Promise<GenerateJob> {
  const count = options.count ?? 1;
  if (!Number.isInteger(count) || count < 1 || count > 1000) throw new TesseraError('INVALID_ARGUMENT', `count: got ${count}, expected an integer from 1 to 1000`);
  if ((options.promptsFile === undefined) === (options.promptsText === undefined)) {
    throw new TesseraError('INVALID_ARGUMENT', `prompts: got ${options.promptsFile === undefined ? 'neither' : 'both'} a prompts file and a prompt list, expected one of them`);
  }
  const fileName = options.promptsFile !== undefined ? basename(options.promptsFile) : (options.promptsName ?? 'prompts.txt');
  const source = options.promptsFile ?? 'prompt list';
  const lines = options.promptsFile !== undefined ? await readPromptsFile(options.promptsFile) : promptsOf(options.promptsText!, source);
  const items: GenerateItem[] = [];
  for (const entry of lines) {
    if ('error' in entry) {
      items.push({ input: generateItemId(fileName, entry.line, 1), outputs: [generateOutput(fileName, entry.line, 1)], request: null, error: entry.error });
      continue;
    }
    const o = entry.options;
    const baseSeed = o.seed ?? options.seed ?? derivedSeed(`${entry.line}\n${entry.prompt}`);
    for (let k = 1; k <= (o.count ?? count); k++) {
      const request: FullGenerationRequest = {
        prompt: entry.prompt,
        negativePrompt: o.negativePrompt ?? options.negativePrompt,
        scheduler: o.scheduler ?? options.scheduler,
        steps: o.steps ?? options.steps,
        guidance: o.guidance ?? options.guidance,
        seed: baseSeed + k - 1,
        width: o.width ?? options.width ?? 512,
        height: o.height ?? options.height ?? 512,
        ...(options.hires ? { hires: options.hires } : {}),
        ...refinerOfRequest(options),
        // only when set: a plain batch's content hashes stay what they were
        ...(options.fastDecode ? { fastDecode: true } : {}),
      };
      items.push({ input: generateItemId(fileName, entry.line, k), outputs: [generateOutput(fileName, entry.line, k)], request });
    }
  }
  return {
    kind: 'generate',
    parameters: { model: options.modelName, promptsFile: fileName, count },
    items,
    skipped: [],
    async load(item) {
      if (!item.request) throw new TesseraError('INVALID_ARGUMENT', `${source}: ${item.error}`);
      // The request is the item's content: a changed line (or setting) redoes exactly its images.
      return { hash: sha256Hex(JSON.stringify(item.request)), data: item.request };
    },
    prepare: async (_item, request) => request,
    ...generationStages(options.model, options.modelName, (request) => ({ ...request }), options.refinerModel),
  };
}
