// `tessera start` (what `npm start` runs): the Electron studio when its binary is installed and the app is
// built, else the local web host with its URL printed. Either way the service writes the demo pack on a first
// run with no models, so the app works at once.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { withLaunchModelsRoot } from '../../native-models/service/launch-folders.ts';
import { parsePort } from '../serve/parse-port.ts';
import { ensureRendererBuild } from '../serve/ensure-renderer-build.ts';
import { runWebHost } from '../serve/run-web-host.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Electron's entry (it runs main's TypeScript through tsx), and the built pieces the window needs. */
const ELECTRON_MAIN = path.join(ROOT, 'electron', 'main', 'entry.mjs');
const BUILT = [path.join(ROOT, 'dist', 'electron', 'preload.cjs'), path.join(ROOT, 'dist', 'renderer', 'index.html')];

/**
 * The Electron binary's path, or why there is none. Read from the electron package's own record (path.txt and
 * dist/) without loading its index: requiring `electron` starts a download when the binary is missing, which
 * on a machine without network prints a stack trace at every start.
 */
export function findElectronBinary(env: NodeJS.ProcessEnv = process.env): { path: string } | { missing: string } {
  let packageDir: string;
  try {
    packageDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { missing: 'the electron package is not installed' };
  }
  const pathFile = path.join(packageDir, 'path.txt');
  const relative = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : '';
  // The same override the electron package honours (a binary unpacked elsewhere).
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (!relative && !override) return { missing: 'no Electron binary is installed' };
  const binary = override ? path.join(override, relative || 'electron') : path.join(packageDir, 'dist', relative);
  return fs.existsSync(binary) ? { path: binary } : { missing: `no Electron binary is installed (none at ${binary})` };
}

function launchElectron(binary: string, modelsRoot: string | undefined, dataDir: string | undefined): Promise<number> {
  const env: NodeJS.ProcessEnv = { ...withLaunchModelsRoot(process.env, modelsRoot), ...(dataDir ? { TESSERA_DATA_DIR: path.resolve(dataDir) } : {}) };
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(binary, [ELECTRON_MAIN], { stdio: 'inherit', env });
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
}

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { models: { type: 'string' }, data: { type: 'string' }, port: { type: 'string' }, 'no-open': { type: 'boolean' }, web: { type: 'boolean' } },
    allowPositionals: false,
  });
  await ensureRendererBuild(ROOT);
  const electron = values.web ? { missing: '--web was given' } : findElectronBinary();
  const unbuilt = BUILT.filter((file) => !fs.existsSync(file));
  if ('path' in electron && unbuilt.length === 0) return launchElectron(electron.path, values.models, values.data);
  const why = 'path' in electron ? `the desktop app is not built (${unbuilt.map((f) => path.relative(ROOT, f)).join(', ')} missing; \`npm run build\` builds it)` : electron.missing;
  process.stderr.write(`tessera start: using the local web host (the studio in your browser) because ${why}.\n`);
  return runWebHost({ ...(values.port !== undefined ? { port: parsePort(values.port) } : {}), host: '127.0.0.1', ...(values.models ? { modelsRoot: values.models } : {}), ...(values.data ? { dataDir: values.data } : {}), open: !values['no-open'] });
}
