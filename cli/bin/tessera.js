#!/usr/bin/env node
// Entry of the `tessera` command. It runs the sources bundled once by esbuild (cli/bin/cli-bundle.js: a start
// takes about half the time of tsx compiling and resolving ~400 modules on every start) and falls back to
// running the TypeScript sources directly through tsx when no bundle can be built or stored.
import { bundledEntry } from './cli-bundle.js';

const entry = await bundledEntry();
if (entry) {
  await import(entry);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../entry.ts');
}
