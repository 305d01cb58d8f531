// Writes the demo SDXL folders (demo-sdxl, -turbo, -inpainting, -refiner) in Optimum's SDXL layout, and their README section.
import fs from 'node:fs/promises';
import path from 'node:path';
import { DEMO_PROMPT_FILE, demoPromptFacts } from '../sd/demo-prompt-facts.ts';
import { DEMO_SCHEDULE } from '../sd/demo-sd-spec.ts';
import { CLIP_TOKENIZER_DIR, loadDemoVocabulary, type DemoVocabulary } from '../sd/demo-vocabulary.ts';
import { specialTokensMap, tokenizerConfig } from '../sd/sd-folder-configs.ts';
import { writeJson, writeModel as writeSdModel } from '../sd/sd-folder-writer.ts';
import { buildVaeDecoderGraph, buildVaeEncoderGraph } from '../sd/vae-graphs.ts';
import { DEMO_SDXL_VARIANTS, variantEncoders, type DemoSdxlVariant } from './demo-sdxl-variants.ts';
import { sdxlModelIndex, sdxlPartConfigs, sdxlSchedulerConfig } from './sdxl-folder-configs.ts';
import { buildSdxlTextEncoderGraph } from './sdxl-text-encoder-graphs.ts';
import { buildSdxlUnetOracleGraph } from './sdxl-unet-oracle-graph.ts';

const DOC = 'Tessera synthetic demo SDXL model (not trained): analytic behaviour, see the demo pack README.';
const writeModel = (dir: string, graph: Parameters<typeof writeSdModel>[1], externalDataFile?: string) => writeSdModel(dir, graph, externalDataFile, DOC);

async function writeSdxlFolder(packDir: string, variant: DemoSdxlVariant, vocabulary: DemoVocabulary): Promise<void> {
  const root = path.join(packDir, variant.folder);
  await fs.rm(root, { recursive: true, force: true });
  await writeJson(path.join(root, 'model_index.json'), sdxlModelIndex(variant));
  await writeJson(path.join(root, DEMO_PROMPT_FILE), demoPromptFacts());
  await writeJson(path.join(root, 'scheduler', 'scheduler_config.json'), sdxlSchedulerConfig(variant));
  for (const encoder of variantEncoders(variant)) {
    // tokenizer: CLIP-L pads with <|endoftext|>; tokenizer_2 (bigG) with "!" (id 0), as the SDXL repos ship them
    const dir = path.join(root, encoder.tokenizer);
    await fs.mkdir(dir, { recursive: true });
    for (const file of ['vocab.json', 'merges.txt']) await fs.copyFile(path.join(CLIP_TOKENIZER_DIR, file), path.join(dir, file));
    const padBang = { sd2Tokenizer: encoder.part === 'text_encoder_2' };
    await writeJson(path.join(dir, 'tokenizer_config.json'), tokenizerConfig(padBang));
    await writeJson(path.join(dir, 'special_tokens_map.json'), specialTokensMap(padBang));
    await writeModel(path.join(root, encoder.part), buildSdxlTextEncoderGraph(encoder, vocabulary, variant.regime === 'refiner' ? 'all' : 'split'));
  }
  const schedule = { betaStart: DEMO_SCHEDULE.betaStart, betaEnd: DEMO_SCHEDULE.betaEnd, numTrainTimesteps: DEMO_SCHEDULE.numTrainTimesteps };
  await writeModel(path.join(root, 'unet'), buildSdxlUnetOracleGraph(schedule, variant), 'model.onnx_data');
  await writeModel(path.join(root, 'vae_decoder'), buildVaeDecoderGraph(variant));
  await writeModel(path.join(root, 'vae_encoder'), buildVaeEncoderGraph(variant));
  for (const [part, config] of Object.entries(sdxlPartConfigs(variant))) await writeJson(path.join(root, part, 'config.json'), config);
}

function readme(): string {
  return [
    '## demo-sdxl, demo-sdxl-turbo, demo-sdxl-inpainting, demo-sdxl-refiner',
    '',
    ...DEMO_SDXL_VARIANTS.map((v) => `- \`${v.folder}\`: ${v.summary}.`),
    '',
    'The same words and pictures as demo-sd, through SDXL\'s contract: `text_encoder` (768 wide, outputs `last_hidden_state`,',
    '`pooler_output`, `hidden_states.0…12`) knows the colour words and `text_encoder_2` (1280 wide, `text_embeds`,',
    '`last_hidden_state`, `hidden_states.0…32`) the shape words, each in its penultimate layer (`hidden_states.11`,',
    '`hidden_states.31`); their last layers hold the features one channel on (red → green, circle → square). The UNet',
    '(`sample`, `timestep`, `encoder_hidden_states` [B, S, 2048], `text_embeds` [B, 1280], `time_ids` [B, 6]) paints',
    'black where `text_embeds` channel 0 (1 for any encoded text) is 0, places the shape by `time_ids` (centre = target',
    'size / 2 − crop top-left, radius = min(original size) / 4) and encodes at the VAE scaling 0.13025 of',
    '`vae_decoder/config.json`. So the last hidden state, a dropped encoder, wrong time ids or 0.18215 each paint a',
    'wrong picture.',
    '',
    'demo-sdxl-inpainting\'s UNet takes `sample` [B, 9, h, w] = [latents 4, mask 1, masked-image latents 4] and keeps the',
    'masked image where the mask is 0. demo-sdxl-refiner has `text_encoder_2` + `tokenizer_2` only (knowing every word, in',
    'demo-sd\'s channels), a UNet with `encoder_hidden_states` [B, S, 1280] and `time_ids` [B, 5] = (original size, crop',
    'top-left, aesthetic score), and paints its picture at brightness aesthetic_score / 10: 0.6 at the default 6.0, so an',
    'image the refiner finished is visibly darker than the base\'s, and the negative score 2.5 gives 0.25.',
  ].join('\n');
}

export async function writeDemoSdxlModels(packDir: string): Promise<{ folders: string[]; readme: string }> {
  const vocabulary = await loadDemoVocabulary();
  for (const variant of DEMO_SDXL_VARIANTS) await writeSdxlFolder(packDir, variant, vocabulary);
  return { folders: DEMO_SDXL_VARIANTS.map((v) => v.folder), readme: readme() };
}
