// The table of `tessera` sub-commands. Each module exports `run(args): Promise<exit code>`.

export interface CliCommand {
  run(args: string[]): Promise<number>;
}

type Loader = () => Promise<CliCommand>;

export const COMMANDS: Record<string, Loader> = {
  models: () => import('./models.ts'),
};

export const COMMAND_HELP: Record<string, string> = {
  models: 'models check DIR [--json] | models make-demo DIR',
};

export function usage(): string {
  const lines = Object.entries(COMMAND_HELP).map(([name, help]) => `  tessera ${help.startsWith(name) ? help : `${name} ${help}`}`);
  return `Usage:\n${lines.join('\n')}\n`;
}
