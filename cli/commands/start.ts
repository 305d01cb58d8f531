// `tessera start` (what `npm start` runs): prepares the models folder — on first run with no models installed
// it generates the synthetic demo pack — then starts the studio. Until the studio's web host and Electron
// shell exist (issue 6), it reports the models it would serve and how to use them from the command line.
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ModelManager, inspectModelFolder, makeDemoPack } from '../../native-models/index.ts';

const DEMO_FOLDER = 'demo-pack';

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { models: { type: 'string' } }, allowPositionals: false });
  const manager = new ModelManager(values.models ? { root: values.models } : {});
  await fs.mkdir(manager.root, { recursive: true });
  const installed = (await manager.list()).filter((m) => m.report.usable);
  const demoDir = path.join(manager.root, DEMO_FOLDER);
  const demoExists = (await fs.stat(demoDir).catch(() => undefined)) !== undefined;
  if (installed.length === 0 && !demoExists) {
    process.stdout.write(`no models installed in ${manager.root}: generating the synthetic demo pack…\n`);
    await makeDemoPack(demoDir);
  }
  const demoFolders = demoExists || installed.length === 0 ? (await fs.readdir(demoDir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => path.join(demoDir, e.name)) : [];
  process.stdout.write(`models folder: ${manager.root}\n`);
  for (const model of installed) process.stdout.write(`  ${model.id}: ${model.report.kind}, ${model.report.variant}\n`);
  for (const dir of demoFolders) {
    const report = await inspectModelFolder(dir);
    process.stdout.write(`  ${path.basename(dir)} (synthetic demo): ${report.kind}, ${report.variant}${report.usable ? '' : ' — NOT USABLE'}\n`);
  }
  const sd = path.join(demoDir, 'demo-sd');
  const sam = path.join(demoDir, 'demo-sam');
  process.stdout.write(
    [
      '',
      'The studio window (Electron) and its local web host are not part of this build yet; use the command line:',
      `  npx tessera generate --model ${sd} --prompt "a red circle" --steps 8 --out red-circle.png`,
      `  npx tessera segment --model ${sam} --image red-circle.png --point 256,256 --cutout cutout.png --crop`,
      `  npx tessera batch cutout --model ${sam} --in PHOTOS --out CUTOUTS`,
      '',
    ].join('\n'),
  );
  return 0;
}
