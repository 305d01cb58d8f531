// The usage line of every `tessera models` sub-command: `--help` prints them, usage errors quote them.

export const MODELS_USAGE = {
  list: 'models list [--models DIR] [--json]   (installed models: name, kind, variant, size, path)',
  catalogue: 'models catalogue [--catalogue FILE] [--json]   (downloadable models: what each does, size, licence; adds <data>/catalogue.json)',
  install: 'models install ID [--catalogue FILE] [--accept-licence] [--models DIR] [--json]   (Ctrl+C keeps a resumable partial; run it again to resume)',
  import: 'models import PATH [--link] [--name NAME] [--latent-family sd|sdxl] [--models DIR] [--json]   (copy a model folder in, or --link to use it in place; --latent-family: the latents a tiny decoder serves)',
  remove: 'models remove NAME [--models DIR]   (to the system trash, refused while a queued job uses it; a linked model loses only its link)',
  check: 'models check DIR [--json] [--load]   (a folder holding several models lists each one with its verdict)',
  'make-demo': 'models make-demo [--full-compute] DIR',
} as const;

export type ModelsSubcommand = keyof typeof MODELS_USAGE;

export function modelsUsage(sub?: ModelsSubcommand): string {
  const lines = sub ? [MODELS_USAGE[sub]] : Object.values(MODELS_USAGE);
  return lines.map((l) => `usage: tessera ${l}`).join('\n');
}
