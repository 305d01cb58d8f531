// The table of `tessera` sub-commands. Each module exports `run(args): Promise<exit code>`.
import { MODELS_USAGE } from '../models/models-usage.ts';

export interface CliCommand {
  run(args: string[]): Promise<number>;
}

type Loader = () => Promise<CliCommand>;

export const COMMANDS: Record<string, Loader> = {
  models: () => import('./models.ts'),
  generate: () => import('./generate.ts'),
  segment: () => import('./segment.ts'),
  cutout: () => import('./cutout.ts'),
  upscale: () => import('./upscale.ts'),
  batch: () => import('./batch.ts'),
  start: () => import('./start.ts'),
  serve: () => import('./serve.ts'),
  worker: () => import('./worker.ts'),
};

export const COMMAND_HELP: Record<string, string> = {
  models: Object.values(MODELS_USAGE).join(' | '),
  segment: 'segment --model NAME|DIR --image IMG [--point X,Y[,LABEL]]... [--box X0,Y0,X1,Y1] [--multimask] [--out MASK.png] [--cutout OUT.png [--crop] [--feather PX]] [--json] | segment --model NAME|DIR --image IMG --everything --out-dir DIR',
  cutout: 'cutout IN OUT [--model NAME|DIR] [--mask-only] [--bgcolor R,G,B[,A]] [--crop] [--feather PX] [--refine SAM_MODEL] [--alpha-matting] [--json]   (the subject with no clicks, like rembg i; default model: the first background-removal model installed)',
  upscale: 'upscale IN OUT [--model NAME|DIR] [--tile N] [--overlap PX] [--overwrite] [--json]   (×2/×4 with an upscaler model, tiled for any size; default model: the first upscaler installed)',
  generate: 'generate --model NAME|DIR --prompt TEXT [--negative TEXT] [--steps N] [--scheduler NAME] [--guidance G] [--seed S] [--width W] [--height H] [--count N] [--init IMAGE --strength S] [--mask MASK.png] [--out PATH] [--json]',
  batch: 'batch cutout|generate|img2img|upscale --model NAME|DIR --out DIR (--in DIR | --prompts FILE) [--prompt …] [--recursive] [--overwrite] [--concurrency N] [--json]  (tessera batch --help for all options)',
  start: 'start [--models DIR] [--data DIR] [--port N] [--no-open] [--web]   (what `npm start` runs: the Electron studio, or the web host where Electron is absent; demo pack on first run)',
  serve: 'serve [--port N] [--host ADDR] [--models DIR] [--data DIR] [--no-open] [--new-token] [--dev] (the studio in a browser: loopback web host, token-protected)',
  worker: 'worker --redis URL [--models DIR] [--concurrency N] [--json]   (serves `batch … --redis URL` jobs with the models of this machine; SIGTERM stops gracefully)',
};

/** Commands that answer `--help` themselves, with more than their line above. */
export const OWN_HELP: ReadonlySet<string> = new Set(['batch', 'worker', 'models']);

export function usage(): string {
  const lines = Object.entries(COMMAND_HELP).map(([name, help]) => `  tessera ${help.startsWith(name) ? help : `${name} ${help}`}`);
  return `Usage:\n${lines.join('\n')}\n`;
}
