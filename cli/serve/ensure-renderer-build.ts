// `tessera start` from a source checkout: builds the renderer once when dist/renderer/ is missing (vite is a
// dev dependency; in an installed app the build ships and this never runs).
import fs from 'node:fs';
import path from 'node:path';

export async function ensureRendererBuild(root: string): Promise<void> {
  if (fs.existsSync(path.join(root, 'dist', 'renderer', 'index.html'))) return;
  process.stderr.write('tessera: building the renderer (first start from a source checkout)…\n');
  try {
    const { build } = await import('vite');
    await build({ configFile: path.join(root, 'build', 'vite.renderer.config.ts'), logLevel: 'warn' });
  } catch (error) {
    process.stderr.write(`tessera: could not build the renderer (${error instanceof Error ? error.message : String(error)}); run \`npm run build:renderer\`\n`);
  }
}
