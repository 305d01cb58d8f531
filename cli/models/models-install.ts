// `tessera models install ID`: the licence shown and accepted once, then a resumable download with a progress bar
// (bytes, rate, ETA). Ctrl+C stops it, keeps what has arrived and says how to resume.
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import {
  LicenceAcceptance,
  ModelManager,
  defaultDataDir,
  estimatedEntryBytes,
  findCatalogueEntry,
  isTesseraError,
  loadCatalogueSources,
  type CatalogueEntry,
  type InstallProgress,
} from '../../native-models/index.ts';
import { formatBytes } from '../format.ts';
import { parseOptionsAndPositionals } from '../parse-options.ts';
import { CliUsageError } from '../usage-error.ts';
import { downloadProgressLine, etaSeconds } from './download-progress-line.ts';
import { modelsUsage } from './models-usage.ts';

const OPTIONS = {
  catalogue: { type: 'string' },
  'accept-licence': { type: 'boolean' },
  models: { type: 'string' },
  json: { type: 'boolean' },
} as const;

function licenceText(entry: CatalogueEntry): string {
  const nc = entry.nonCommercial ? '\n  NON-COMMERCIAL: this licence does not allow commercial use.' : '';
  return `${entry.displayName} is published under ${entry.licence} (${entry.licenceId}).\n  Read it: ${entry.licenceUrl}${nc}\n`;
}

/** Already accepted, accepted by flag, or asked on a terminal; otherwise LICENCE_NOT_ACCEPTED from the store. */
async function settleLicence(licences: LicenceAcceptance, entry: CatalogueEntry, acceptFlag: boolean): Promise<void> {
  if ((await licences.isAccepted(entry.licenceId)) || acceptFlag || !process.stdin.isTTY) return licences.require(entry, acceptFlag);
  process.stderr.write(licenceText(entry));
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const answer = await rl.question('Accept this licence and download? [y/N] ').finally(() => rl.close());
  return licences.require(entry, /^y(es)?$/i.test(answer.trim()));
}

function progressPrinter(json: boolean): { onProgress: (p: InstallProgress) => void; finish: () => void } {
  const bar = !json && process.stderr.isTTY;
  let drawn = false;
  let lastJson = -Infinity;
  let lastFile: string | undefined;
  return {
    onProgress: (p) => {
      if (bar) {
        process.stderr.write(`\r${downloadProgressLine(p)}\x1b[K`);
        drawn = true;
      } else if (json && (p.phase !== 'downloading' || p.file !== lastFile || performance.now() - lastJson >= 1000)) {
        // At most one line a second, plus the first of each file and every phase change.
        lastJson = performance.now();
        lastFile = p.file;
        const eta = etaSeconds(p);
        process.stdout.write(JSON.stringify({ type: 'progress', ...p, ...(eta === undefined ? {} : { etaS: Math.round(eta) }) }) + '\n');
      }
    },
    finish: () => {
      if (drawn) process.stderr.write('\n');
      drawn = false;
    },
  };
}

export async function runInstall(args: string[]): Promise<number> {
  const usage = modelsUsage('install');
  const { values: v, positionals } = parseOptionsAndPositionals(args, OPTIONS, usage);
  if (positionals.length !== 1) throw new CliUsageError(`models install needs exactly one catalogue id (tessera models catalogue lists them)\n${usage}`);
  const dataDir = defaultDataDir();
  const catalogue = await loadCatalogueSources({ ...(v.catalogue ? { cataloguePath: path.resolve(v.catalogue) } : {}), dataDir });
  const entry = findCatalogueEntry(catalogue, positionals[0]!);
  await settleLicence(new LicenceAcceptance(dataDir), entry, v['accept-licence'] ?? false);

  const manager = new ModelManager(v.models ? { root: v.models } : {});
  const pending = (await manager.pendingInstalls()).find((p) => p.id === entry.id);
  const resuming = pending && pending.bytesOnDisk > 0 ? `, resuming with ${formatBytes(pending.bytesOnDisk)} already downloaded` : '';
  const size = estimatedEntryBytes(entry);
  if (!v.json) process.stderr.write(`installing ${entry.id} (${size > 0 ? `about ${formatBytes(size)}` : 'size unknown'}) into ${manager.root}${resuming}\n`);

  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  const printer = progressPrinter(v.json ?? false);
  try {
    const installed = await manager.install(entry, { signal: controller.signal, onProgress: printer.onProgress });
    printer.finish();
    const line = { type: 'installed', id: installed.id, path: installed.path, kind: installed.report.kind, sizeBytes: installed.report.sizeBytes };
    process.stdout.write(v.json ? JSON.stringify(line) + '\n' : `installed ${installed.id} (${installed.report.kind}, ${formatBytes(installed.report.sizeBytes)}) at ${installed.path}\n`);
    return 0;
  } catch (error) {
    printer.finish();
    if (!isTesseraError(error) || error.code !== 'CANCELLED') throw error;
    const kept = (await manager.pendingInstalls()).find((p) => p.id === entry.id);
    const where = kept ? `${formatBytes(kept.bytesOnDisk)} kept in ${kept.path}` : 'nothing was downloaded yet';
    const message = `interrupted: ${where}; run \`tessera models install ${entry.id}\` again to resume`;
    process.stdout.write(v.json ? JSON.stringify({ type: 'interrupted', id: entry.id, bytesKept: kept?.bytesOnDisk ?? 0, path: kept?.path ?? null }) + '\n' : '');
    process.stderr.write(`tessera: ${message}\n`);
    return 130;
  } finally {
    process.off('SIGINT', onSigint);
  }
}
