// `tessera models list` (installed: name, kind, variant, size, path) and `tessera models catalogue` (downloadable).
import path from 'node:path';
import {
  LicenceAcceptance,
  ModelManager,
  ModelRegistry,
  defaultDataDir,
  catalogueHashStatus,
  estimatedEntryBytes,
  loadCatalogueSources,
} from '../../native-models/index.ts';
import { formatBytes } from '../format.ts';
import { parseOptions } from '../parse-options.ts';
import { modelsUsage } from './models-usage.ts';

/** Left-aligned columns, two spaces apart. */
function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd()).join('\n') + '\n';
}

export async function runList(args: string[]): Promise<number> {
  const v = parseOptions(args, { models: { type: 'string' }, json: { type: 'boolean' } } as const, modelsUsage('list'));
  const registry = new ModelRegistry(new ModelManager(v.models ? { root: v.models } : {}));
  const models = (await registry.list()).map((m) => ({
    name: m.id,
    kind: m.report.kind,
    variant: m.report.variant,
    sizeBytes: m.report.sizeBytes,
    path: m.report.path,
    usable: m.report.usable,
    linked: m.linked,
    source: m.source,
  }));
  if (v.json) {
    process.stdout.write(JSON.stringify({ modelsRoot: registry.root, models }, null, 2) + '\n');
    return 0;
  }
  if (models.length === 0) {
    process.stdout.write(`no models installed in ${registry.root} (tessera models catalogue lists downloadable ones)\n`);
    return 0;
  }
  const rows = models.map((m) => [m.name, m.kind, m.variant, formatBytes(m.sizeBytes), `${m.path}${m.linked ? ' (linked)' : ''}${m.usable ? '' : ' (NOT USABLE: tessera models check it)'}`]);
  process.stdout.write(table([['NAME', 'KIND', 'VARIANT', 'SIZE', 'PATH'], ...rows]));
  return 0;
}

const HASH_LABEL = { pinned: 'pinned', 'partly-pinned': 'partly', 'not-published': 'none' } as const;

export async function runCatalogue(args: string[]): Promise<number> {
  const v = parseOptions(args, { catalogue: { type: 'string' }, models: { type: 'string' }, json: { type: 'boolean' } } as const, modelsUsage('catalogue'));
  const dataDir = defaultDataDir();
  const catalogue = await loadCatalogueSources({ ...(v.catalogue ? { cataloguePath: path.resolve(v.catalogue) } : {}), dataDir });
  const installed = new Set((await new ModelManager(v.models ? { root: v.models } : {}).list()).map((m) => m.id));
  const licences = new LicenceAcceptance(dataDir);
  const items = [];
  for (const entry of catalogue.models) {
    const bytes = estimatedEntryBytes(entry);
    items.push({ ...entry, approxBytes: bytes > 0 ? bytes : null, hashStatus: catalogueHashStatus(entry), installed: installed.has(entry.id), licenceAccepted: await licences.isAccepted(entry.licenceId), source: catalogue.origin[entry.id] });
  }
  if (v.json) {
    process.stdout.write(JSON.stringify({ models: items }, null, 2) + '\n');
    return 0;
  }
  const rows = items.map((m) => [
    m.id,
    m.task,
    m.approxBytes === null ? '?' : `${m.sizeVerified ? '' : '~'}${formatBytes(m.approxBytes)}`,
    HASH_LABEL[m.hashStatus],
    `${m.licence}${m.nonCommercial ? ' (NON-COMMERCIAL)' : ''}`,
    m.installed ? 'installed' : '',
  ]);
  process.stdout.write(table([['ID', 'WHAT IT DOES', 'SIZE', 'HASH', 'LICENCE', ''], ...rows]));
  process.stdout.write('~ = approximate size (no exact byte count published); HASH "none" = no published hash, the sha256 is measured and recorded on first download; tessera models install ID downloads one\n');
  return 0;
}
