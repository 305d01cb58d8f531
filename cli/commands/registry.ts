// The table of `tessera` sub-commands. Each module exports `run(args): Promise<exit code>`.

export interface CliCommand {
  run(args: string[]): Promise<number>;
}

type Loader = () => Promise<CliCommand>;

export const COMMANDS: Record<string, Loader> = {
  models: () => import('./models.ts'),
  generate: () => import('./generate.ts'),
  batch: () => import('./batch.ts'),
};

export const COMMAND_HELP: Record<string, string> = {
  models: 'models check DIR [--json] [--load] | models make-demo DIR',
  generate: 'generate --model DIR --prompt TEXT [--negative TEXT] [--steps N] [--scheduler NAME] [--guidance G] [--seed S] [--width W] [--height H] [--count N] [--init IMAGE --strength S] [--mask MASK.png] [--out PATH] [--json]',
  batch: 'batch cutout|generate|img2img --model DIR --out DIR (--in DIR | --prompts FILE) [--prompt …] [--recursive] [--overwrite] [--concurrency N] [--json]  (tessera batch --help for all options)',
};

export function usage(): string {
  const lines = Object.entries(COMMAND_HELP).map(([name, help]) => `  tessera ${help.startsWith(name) ? help : `${name} ${help}`}`);
  return `Usage:\n${lines.join('\n')}\n`;
}
