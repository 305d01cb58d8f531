// `tessera models import PATH [--link] [--name NAME] [--latent-family sd|sdxl]` and `tessera models remove NAME`.
import path from 'node:path';
import { ModelManager, defaultDataDir, removeInstalledModel } from '../../native-models/index.ts';
import { LATENT_FAMILIES, isLatentFamily } from '../../native-models/models/tiny-decoder-folder.ts';
import { formatBytes } from '../format.ts';
import { parseOptionsAndPositionals } from '../parse-options.ts';
import { CliUsageError } from '../usage-error.ts';
import { modelsUsage } from './models-usage.ts';

export async function runImport(args: string[]): Promise<number> {
  const usage = modelsUsage('import');
  const { values: v, positionals } = parseOptionsAndPositionals(args, { link: { type: 'boolean' }, name: { type: 'string' }, 'latent-family': { type: 'string' }, models: { type: 'string' }, json: { type: 'boolean' } } as const, usage);
  if (positionals.length !== 1) throw new CliUsageError(`models import needs exactly one model folder\n${usage}`);
  const family = v['latent-family'];
  if (family !== undefined && !isLatentFamily(family)) throw new CliUsageError(`--latent-family: got "${family}", expected ${LATENT_FAMILIES.join(' or ')} (sd: SD 1.x/2.x, sdxl: SDXL)\n${usage}`);
  const manager = new ModelManager(v.models ? { root: v.models } : {});
  const model = await manager.importFolder(path.resolve(positionals[0]!), { mode: v.link ? 'link' : 'copy', ...(v.name ? { name: v.name } : {}), ...(family ? { latentFamily: family } : {}) });
  const line = { type: 'imported', name: model.id, path: model.path, linked: model.linked, kind: model.report.kind, variant: model.report.variant, sizeBytes: model.report.sizeBytes };
  const how = model.linked ? `linked to ${model.linkTarget}` : `copied (${formatBytes(model.report.sizeBytes)})`;
  process.stdout.write(v.json ? JSON.stringify(line) + '\n' : `imported ${model.id}: ${model.report.kind} model, ${how}; use it with --model ${model.id}\n`);
  return 0;
}

export async function runRemove(args: string[]): Promise<number> {
  const usage = modelsUsage('remove');
  const { values: v, positionals } = parseOptionsAndPositionals(args, { models: { type: 'string' }, json: { type: 'boolean' } } as const, usage);
  if (positionals.length !== 1) throw new CliUsageError(`models remove needs exactly one model name (tessera models list shows them)\n${usage}`);
  const removed = await removeInstalledModel(new ModelManager(v.models ? { root: v.models } : {}), defaultDataDir(), positionals[0]!);
  const text = removed.trashedTo ? `removed ${removed.id}: moved to the trash (${removed.trashedTo})` : `removed ${removed.id}: the link is gone, the folder it pointed to is untouched`;
  process.stdout.write(v.json ? JSON.stringify({ type: 'removed', ...removed }) + '\n' : `${text}\n`);
  return 0;
}
