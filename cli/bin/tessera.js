#!/usr/bin/env node
// Entry of the `tessera` command: registers tsx so the TypeScript sources run directly (no build step).
import { register } from 'tsx/esm/api';

register();
// A long command line runs in a child process with a short one (cli/argv-relay.ts says why).
const { argumentsToRun } = await import('../argv-relay.ts');
const args = await argumentsToRun(process.argv.slice(2));
if (args) {
  process.argv.splice(2, Infinity, ...args);
  await import('../main.ts');
}
