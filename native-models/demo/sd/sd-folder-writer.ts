// Writes one complete demo diffusion folder in the layout real exports use (model-contracts.md §1.1).
import fs from 'node:fs/promises';
import path from 'node:path';
import type { OnnxGraphBuilder } from '../onnx-graph-builder.ts';
import { DEMO_SCHEDULE } from './demo-sd-spec.ts';
import { DEMO_PROMPT_FILE, demoPromptFacts } from './demo-prompt-facts.ts';
import type { DemoSdVariant } from './demo-sd-variants.ts';
import { CLIP_TOKENIZER_DIR, type DemoVocabulary } from './demo-vocabulary.ts';
import { modelIndex, partConfigs, schedulerConfig, specialTokensMap, tokenizerConfig } from './sd-folder-configs.ts';
import { buildTextEncoderGraph } from './text-encoder-graph.ts';
import { buildUnetOracleGraph } from './unet-oracle-graph.ts';
import { buildVaeDecoderGraph, buildVaeEncoderGraph } from './vae-graphs.ts';

const DOC = 'Tessera synthetic demo model (not trained): analytic behaviour, see the demo pack README.';

/** Writes pretty JSON, making the folder. */
export async function writeJson(file: string, value: unknown): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, JSON.stringify(value, null, 2) + '\n');
}

/** Writes `dir/model.onnx` (and its external-data file when named) from a graph. */
export async function writeModel(dir: string, graph: OnnxGraphBuilder, externalDataFile?: string, docString = DOC): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  const { model, externalData } = graph.serialize({ docString, producer: 'tessera-demo', ...(externalDataFile ? { externalDataFile } : {}) });
  await fs.writeFile(path.join(dir, 'model.onnx'), model);
  if (externalData && externalDataFile) await fs.writeFile(path.join(dir, externalDataFile), externalData);
}

/** Writes `packDir/variant.folder` and returns its absolute path. */
export async function writeSdFolder(packDir: string, variant: DemoSdVariant, vocabulary: DemoVocabulary): Promise<string> {
  const root = path.join(packDir, variant.folder);
  await fs.rm(root, { recursive: true, force: true });
  await writeJson(path.join(root, 'model_index.json'), modelIndex(variant));
  await writeJson(path.join(root, DEMO_PROMPT_FILE), demoPromptFacts());
  const scheduler = schedulerConfig(variant);
  await writeJson(path.join(root, 'scheduler', 'scheduler_config.json'), scheduler);

  const tokenizerDir = path.join(root, 'tokenizer');
  await fs.mkdir(tokenizerDir, { recursive: true });
  for (const file of ['vocab.json', 'merges.txt']) await fs.copyFile(path.join(CLIP_TOKENIZER_DIR, file), path.join(tokenizerDir, file));
  await writeJson(path.join(tokenizerDir, 'tokenizer_config.json'), tokenizerConfig(variant));
  await writeJson(path.join(tokenizerDir, 'special_tokens_map.json'), specialTokensMap(variant));

  // ᾱ comes from the folder's own scheduler config, as issue 2 §4 requires.
  const schedule = {
    betaStart: scheduler.beta_start as number,
    betaEnd: scheduler.beta_end as number,
    numTrainTimesteps: scheduler.num_train_timesteps as number,
  };
  if (scheduler.beta_schedule !== DEMO_SCHEDULE.betaSchedule) throw new Error(`demo scheduler: got ${String(scheduler.beta_schedule)}, expected scaled_linear`);
  await writeModel(path.join(root, 'text_encoder'), buildTextEncoderGraph(variant, vocabulary));
  await writeModel(path.join(root, 'unet'), buildUnetOracleGraph(variant, schedule), variant.externalDataFile);
  await writeModel(path.join(root, 'vae_decoder'), buildVaeDecoderGraph(variant));
  await writeModel(path.join(root, 'vae_encoder'), buildVaeEncoderGraph(variant));

  if (variant.flavour.startsWith('optimum')) {
    for (const [part, config] of Object.entries(partConfigs(variant))) await writeJson(path.join(root, part, 'config.json'), config);
  }
  return root;
}
