// What `tessera` runs, as sources under tsx or as the cached bundle (cli/bin/cli-bundle.js): a long command line
// goes to a child process with a short one (cli/argv-relay.ts says why), anything else to the command dispatcher.
import { argumentsToRun } from './argv-relay.ts';

const args = await argumentsToRun(process.argv.slice(2));
if (args) {
  process.argv.splice(2, Infinity, ...args);
  await import('./main.ts');
}
