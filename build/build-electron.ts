// Bundles the sandboxed preload into one CommonJS file (dist/electron/preload.cjs): a sandboxed preload cannot
// load other files. Main needs no build: electron/main/entry.mjs runs the TypeScript through tsx like the CLI,
// so native-models keeps finding its data files (catalogue, tokenizer assets) beside its sources.
import { build } from 'esbuild';

await build({
  entryPoints: ['electron/preload/preload.ts'],
  outfile: 'dist/electron/preload.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'chrome130',
  external: ['electron'],
});

console.log('built dist/electron/preload.cjs');
