// Entry point of the demo pack's diffusion half: writes every demo-sd* folder and their README section.
import { demoSdReadme } from './demo-sd-readme.ts';
import { DEMO_SD_VARIANTS } from './demo-sd-variants.ts';
import { loadDemoVocabulary } from './demo-vocabulary.ts';
import { writeSdFolder } from './sd-folder-writer.ts';

export async function writeDemoSdModels(packDir: string): Promise<{ folders: string[]; readme: string }> {
  const vocabulary = await loadDemoVocabulary();
  for (const variant of DEMO_SD_VARIANTS) await writeSdFolder(packDir, variant, vocabulary);
  return { folders: DEMO_SD_VARIANTS.map((v) => v.folder), readme: demoSdReadme(DEMO_SD_VARIANTS, vocabulary) };
}
