// The CLI's TypeScript bundled once by esbuild into .cache/cli-bundle/<fingerprint>/ and reused while no source
// changed. Why: under tsx every start compiles and resolves ~400 modules (`tessera --version` 2.8 s warm, the
// bundle 1.7 s), and the tests start the CLI hundreds of times. Plain JavaScript, so checking it needs no loader.
// - npm packages stay external (resolved from node_modules at run time, as under tsx); code splitting keeps the
//   per-command modules (and the packages only they import) out of a start that does not need them.
// - Each module's `import.meta.url` stays its own source file's URL, so files found next to a source
//   (package.json, catalogue.json, tokenizer assets, dist/renderer, createRequire) resolve as under tsx.
// - The folder is named by a hash of the project path and every bundled source, built in a staging folder and
//   renamed into place, so test processes starting together never see half a bundle; the manifest's sizes and
//   mtimes tell a start whether the sources changed since.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Changed with the build options below, so a bundle built by older options is not reused. */
const BUILD_FORMAT = 1;
/** Set (to anything) to run the sources through tsx instead (debugging with source positions). */
const FROM_SOURCES_ENV = 'TESSERA_CLI_FROM_SOURCES';
/** Staging folders and superseded bundles older than this are removed (a running `tessera serve` may still load an older bundle's chunks). */
const STALE_MS = 24 * 60 * 60 * 1000;
/** The identifier each module's `import.meta.url` becomes; a constant prepended to the module declares it. */
const OWN_URL = '__tesseraOwnSourceUrl';

/**
 * The file URL of the bundled `<root>/cli/entry.ts`, built now when missing or out of date; null when it cannot be
 * built or stored (no esbuild, a read-only checkout), and then the caller runs the sources through tsx.
 */
export async function bundledEntry(root = PROJECT_ROOT) {
  if (process.env[FROM_SOURCES_ENV] !== undefined) return null;
  try {
    return currentEntry(root) ?? (await build(root));
  } catch {
    return null;
  }
}

function cacheDir(root) {
  return path.join(root, '.cache', 'cli-bundle');
}

function stamp(file) {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  return stat ? `${stat.size}:${stat.mtimeMs}` : 'missing';
}

/** The manifest's bundle when every source it was built from is unchanged. */
function currentEntry(root) {
  let manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(cacheDir(root), 'current.json'), 'utf8'));
  } catch {
    return null;
  }
  if (manifest.format !== BUILD_FORMAT || manifest.root !== root) return null;
  for (const [file, recorded] of Object.entries(manifest.inputs)) {
    if (stamp(path.join(root, file)) !== recorded) return null;
  }
  const entry = path.join(cacheDir(root), manifest.dir, 'entry.js');
  return fs.existsSync(entry) ? pathToFileURL(entry).href : null;
}

/** Keeps `import.meta.url` pointing at the module's own source file instead of the bundle. */
const ownImportMetaUrl = {
  name: 'own-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.[cm]?[jt]sx?$/ }, async (args) => {
      const source = await fs.promises.readFile(args.path, 'utf8');
      const loader = /\.[cm]?tsx$/.test(args.path) ? 'tsx' : /\.[cm]?ts$/.test(args.path) ? 'ts' : 'js';
      if (!source.includes('import.meta.url')) return { contents: source, loader };
      return { contents: `const ${OWN_URL} = ${JSON.stringify(pathToFileURL(args.path).href)};\n${source}`, loader };
    });
  },
};

async function build(root) {
  // esbuild comes with tsx (a dependency); when it cannot be loaded the caller falls back to tsx itself.
  const esbuild = await import('esbuild');
  const cache = cacheDir(root);
  fs.mkdirSync(cache, { recursive: true });
  removeStale(cache);
  const staging = fs.mkdtempSync(path.join(cache, 'staging-'));
  try {
    const result = await esbuild.build({
      absWorkingDir: root,
      entryPoints: { entry: path.join(root, 'cli', 'entry.ts') },
      outdir: staging,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: `node${process.versions.node}`,
      packages: 'external',
      define: { 'import.meta.url': OWN_URL },
      plugins: [ownImportMetaUrl],
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs).sort();
    const hash = crypto.createHash('sha256').update(`${BUILD_FORMAT}\0${esbuild.version}\0${root}\0`);
    for (const file of inputs) hash.update(`${file}\0`).update(fs.readFileSync(path.join(root, file))).update('\0');
    const dir = hash.digest('hex').slice(0, 16);
    const target = path.join(cache, dir);
    try {
      fs.renameSync(staging, target);
    } catch (error) {
      // Another process stored the same bundle first: use it.
      if (!fs.existsSync(path.join(target, 'entry.js'))) throw error;
      fs.rmSync(staging, { recursive: true, force: true });
    }
    const manifest = { format: BUILD_FORMAT, root, dir, inputs: Object.fromEntries(inputs.map((file) => [file, stamp(path.join(root, file))])) };
    const temporary = path.join(cache, `current.json.${process.pid}`);
    fs.writeFileSync(temporary, JSON.stringify(manifest));
    fs.renameSync(temporary, path.join(cache, 'current.json'));
    return pathToFileURL(path.join(target, 'entry.js')).href;
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

function removeStale(cache) {
  const now = Date.now();
  for (const name of fs.readdirSync(cache)) {
    const file = path.join(cache, name);
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (stat?.isDirectory() && now - stat.mtimeMs > STALE_MS) fs.rmSync(file, { recursive: true, force: true });
  }
}
