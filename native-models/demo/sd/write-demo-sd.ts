// Entry point of the demo pack's diffusion half: writes every demo-sd* folder and their README section.
import { demoSdReadme } from './demo-sd-readme.ts';
import { DEMO_SD_VARIANTS } from './demo-sd-variants.ts';
import { loadDemoVocabulary } from './demo-vocabulary.ts';
import { writeSdFolder } from './sd-folder-writer.ts';
import fs from 'node:fs/promises';
import path from 'node:path';
import { PREVIEW_DECODER_PATH, buildPreviewDecoderGraph } from './preview-decoder-graph.ts';

export async function writeDemoSdModels(packDir: string): Promise<{ folders: string[]; readme: string }> {
  const vocabulary = await loadDemoVocabulary();
  for (const variant of DEMO_SD_VARIANTS) await writeSdFolder(packDir, variant, vocabulary);
  // demo-sd also ships a TAESD-style preview decoder (the others exercise the linear-approximation previews)
  const preview = path.join(packDir, 'demo-sd', PREVIEW_DECODER_PATH);
  await fs.mkdir(path.dirname(preview), { recursive: true });
  await fs.writeFile(preview, buildPreviewDecoderGraph().serialize({ docString: 'Tessera demo TAESD-style preview decoder (synthetic)' }).model);
  const readme = `${demoSdReadme(DEMO_SD_VARIANTS, vocabulary)}\n\n\`demo-sd/${PREVIEW_DECODER_PATH}\` is a TAESD-style preview decoder: input \`latents\` [B, 4, h, w] (the diffusion latents, scaled), output \`image\` [B, 3, 8h, 8w] in [0, 1], equal to the VAE decoder's picture mapped to [0, 1].`;
  return { folders: DEMO_SD_VARIANTS.map((v) => v.folder), readme };
}
