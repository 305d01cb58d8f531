// The Electron security checklist, read from what a package is built from (the Electron binary cannot run
// here): electronegativity over electron/, package.json and a production renderer build with 0 unjustified
// findings; the checklist items it does not cover (DevTools, will-frame-navigate, the app:// scheme) read from
// the sources' syntax trees; the fuses flipped by the afterPack hook in a packed binary's fuse wire.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { FuseState } from '@electron/fuses/dist/constants.js';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import scanElectronApp, { type ElectronegativityResult } from '@doyensec/electronegativity';
import ts from 'typescript';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { afterPack, type AfterPackContext } from '../../../build/electron-fuses.ts';

const ELECTRON_VERSION = (createRequire(import.meta.url)('electron/package.json') as { version: string }).version;

/**
 * Findings accepted after review, matched by check, file and a piece of the flagged line; each must still occur
 * (a stale suppression fails the test too).
 */
const SUPPRESSIONS: { id: string; file: string; line: string; why: string }[] = [
  {
    id: 'CSP_GLOBAL_CHECK',
    file: 'electron/main/secure-window.ts',
    line: "'Content-Security-Policy': [RENDERER_CSP]",
    why: "the header's value is contentSecurityPolicy('header') in a constant the scanner cannot evaluate; the same policy is parsed in index.html's <meta> (the next entry) and compared with the header in tests/e2e/renderer-csp.spec.ts",
  },
  {
    id: 'CSP_GLOBAL_CHECK',
    file: 'dist/renderer/index.html',
    line: 'http-equiv="Content-Security-Policy"',
    why: "its one remark is that script-src 'self' is weak where an origin hosts JSONP, Angular or uploaded files: the renderer's origin (app://tessera/, or the web host) serves only the built renderer, images travel as base64 inside IPC/JSON, and the web host's API answers only JSON POSTs",
  },
  {
    id: 'AUXCLICK_JS_CHECK',
    file: 'electron/main/secure-window.ts',
    line: 'new BrowserWindow(',
    why: 'a middle-click on a link asks for a new window, which setWindowOpenHandler denies (lockNavigation; main.ts for every other webContents), and will-navigate / will-frame-navigate refuse any other URL',
  },
  {
    id: 'PRELOAD_JS_CHECK',
    file: 'electron/main/secure-window.ts',
    line: 'preload: preloadFile',
    why: 'a prompt to review the preload: it runs sandboxed and exposes only the TesseraApi proxy through contextBridge (electron/preload/preload.ts), with channel names from the contract',
  },
  {
    id: 'ELECTRON_VERSION_JSON_CHECK',
    file: 'package.json',
    line: '{',
    why: 'informational: records the Electron version read from package.json',
  },
];

let scratch: string;

/** Copies what a package is made of into `dir`: package.json, electron/ and a production renderer build. */
async function stageApp(dir: string): Promise<void> {
  await fs.cp('electron', path.join(dir, 'electron'), { recursive: true });
  await fs.copyFile('package.json', path.join(dir, 'package.json'));
  await build({ configFile: 'build/vite.renderer.config.ts', mode: 'production', logLevel: 'warn', build: { outDir: path.join(dir, 'dist', 'renderer'), emptyOutDir: true } });
}

async function scan(dir: string): Promise<ElectronegativityResult> {
  // The releases check asks GitHub which Electron versions have fixes: network- and date-dependent, so it is
  // left to dependency updates; everything else runs offline.
  return scanElectronApp({ input: dir, excludeFromScan: ['AvailableSecurityFixesGlobalCheck'], electronVersionOverride: ELECTRON_VERSION, parserPlugins: [] }, false);
}

beforeAll(async () => {
  scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-electron-security-'));
});

afterAll(async () => {
  await fs.rm(scratch, { recursive: true, force: true });
});

describe('electronegativity', () => {
  it('finds nothing in the app that a reviewed suppression does not explain', async () => {
    const app = path.join(scratch, 'app');
    await stageApp(app);
    const result = await scan(app);
    expect(result.errors).toEqual([]);
    expect(result.atomicChecks).toBeGreaterThan(30);
    const findings = await Promise.all(
      result.issues.map(async (issue) => {
        const file = path.relative(app, issue.file);
        const text = (await fs.readFile(issue.file, 'utf8')).split('\n')[issue.location.line - 1] ?? '';
        return { id: issue.id, file, line: issue.location.line, text: text.trim(), description: issue.description };
      }),
    );
    const suppressedBy = (f: (typeof findings)[number]) => SUPPRESSIONS.find((s) => s.id === f.id && s.file === f.file && f.text.includes(s.line));
    expect(findings.filter((f) => !suppressedBy(f))).toEqual([]);
    expect(SUPPRESSIONS.filter((s) => !findings.some((f) => suppressedBy(f) === s)).map((s) => `${s.id} ${s.file}`)).toEqual([]);
  });

  it('does flag a window that turns the hardening off (the scan is not blind to our sources)', async () => {
    const weak = path.join(scratch, 'weak');
    await fs.mkdir(path.join(weak, 'main'), { recursive: true });
    await fs.copyFile('package.json', path.join(weak, 'package.json'));
    await fs.writeFile(
      path.join(weak, 'main', 'window.ts'),
      "import { BrowserWindow } from 'electron';\nexport const w = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });\n",
    );
    const ids = (await scan(weak)).issues.map((i) => i.id);
    // Including the two global checks the app passes: navigation limits and a permission request handler.
    expect(ids).toEqual(expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK', 'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK']));
  });
});

/** Every `name: value` property in a source file, as [name, value text] (shorthand `name` gives the name). */
async function properties(file: string): Promise<[string, string][]> {
  const source = ts.createSourceFile(file, await fs.readFile(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: [string, string][] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name)) found.push([node.name.text, node.initializer.getText(source)]);
    if (ts.isShorthandPropertyAssignment(node)) found.push([node.name.text, node.name.text]);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The string first arguments of every `x.on('event', …)` call, and every called `a.b` name, in source order. */
async function calls(file: string): Promise<{ events: string[]; callees: string[] }> {
  const source = ts.createSourceFile(file, await fs.readFile(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const events: string[] = [];
  const callees: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression.getText(source);
      callees.push(callee);
      const first = node.arguments[0];
      if (callee.endsWith('.on') && first && ts.isStringLiteral(first)) events.push(first.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { events, callees };
}

describe('checklist beyond the scanner', () => {
  it('turns DevTools off in a packaged app', async () => {
    expect(await properties('electron/main/main.ts')).toContainEqual(['devTools', '!app.isPackaged']);
    expect(await properties('electron/main/secure-window.ts')).toContainEqual(['devTools', 'devTools']);
  });

  it('guards frame navigation beside top-level navigation, redirects, webviews and new windows', async () => {
    const { events, callees } = await calls('electron/main/secure-window.ts');
    expect(events).toEqual(expect.arrayContaining(['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview']));
    expect(callees).toContain('contents.setWindowOpenHandler');
  });

  it('registers app:// as privileged before ready and serves the renderer only through it, never file://', async () => {
    const { callees } = await calls('electron/main/main.ts');
    expect(callees).toContain('protocol.registerSchemesAsPrivileged');
    expect(callees).toContain('protocol.handle');
    // Top-level registration comes before start() (which awaits app.whenReady()) is called.
    expect(callees.indexOf('protocol.registerSchemesAsPrivileged')).toBeLessThan(callees.lastIndexOf('start'));
    for (const file of await fs.readdir('electron/main')) {
      const text = await fs.readFile(path.join('electron/main', file), 'utf8');
      expect(text, file).not.toMatch(/loadFile\(|pathToFileURL|['"`]file:\/\//);
    }
  });
});

describe('fuses (afterPack hook)', () => {
  const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

  /** A stand-in for a packed Linux binary: a fuse wire of `count` fuses, all enabled, as Electron ships them. */
  async function packedApp(count: number): Promise<AfterPackContext> {
    const appOutDir = path.join(scratch, `linux-unpacked-${count}`);
    await fs.mkdir(appOutDir, { recursive: true });
    const wire = Buffer.concat([Buffer.from('\x7fELF…binary…'), Buffer.from(SENTINEL), Buffer.from([1, count]), Buffer.alloc(count, FuseState.ENABLE), Buffer.from('…rest')]);
    await fs.writeFile(path.join(appOutDir, 'tessera'), wire);
    return { appOutDir, electronPlatformName: 'linux', arch: 1, packager: { appInfo: { productFilename: 'Tessera' }, executableName: 'tessera' } };
  }

  it('is the hook electron-builder runs', async () => {
    const config = await fs.readFile('build/electron-builder.yml', 'utf8');
    const hook = /^afterPack:\s*(\S+)\s*$/m.exec(config)?.[1];
    expect(hook).toBe('./build/after-pack.mjs');
    const loaded = (await import(path.resolve(hook!))) as { default: unknown };
    expect(loaded.default).toBe(afterPack);
  });

  it('flips RunAsNode, the Node CLI/NODE_OPTIONS fuses and file:// privileges off, asar-only with integrity on', async () => {
    const context = await packedApp(9);
    await afterPack(context);
    const fuses = (await getCurrentFuseWire(path.join(context.appOutDir, 'tessera'))) as unknown as Record<number, number>;
    expect({
      RunAsNode: fuses[FuseV1Options.RunAsNode],
      EnableNodeCliInspectArguments: fuses[FuseV1Options.EnableNodeCliInspectArguments],
      EnableNodeOptionsEnvironmentVariable: fuses[FuseV1Options.EnableNodeOptionsEnvironmentVariable],
      OnlyLoadAppFromAsar: fuses[FuseV1Options.OnlyLoadAppFromAsar],
      EnableEmbeddedAsarIntegrityValidation: fuses[FuseV1Options.EnableEmbeddedAsarIntegrityValidation],
      GrantFileProtocolExtraPrivileges: fuses[FuseV1Options.GrantFileProtocolExtraPrivileges],
    }).toEqual({
      RunAsNode: FuseState.DISABLE,
      EnableNodeCliInspectArguments: FuseState.DISABLE,
      EnableNodeOptionsEnvironmentVariable: FuseState.DISABLE,
      OnlyLoadAppFromAsar: FuseState.ENABLE,
      EnableEmbeddedAsarIntegrityValidation: FuseState.ENABLE,
      GrantFileProtocolExtraPrivileges: FuseState.DISABLE,
    });
    // Fuses it does not name keep Electron's setting (cookie encryption, V8 snapshot, newer ones).
    expect(fuses[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE);
    expect(fuses[8]).toBe(FuseState.ENABLE);
  });

  it('fails the build when the binary has no fuse wire', async () => {
    const context = await packedApp(9);
    await fs.writeFile(path.join(context.appOutDir, 'tessera'), 'not electron');
    await expect(afterPack(context)).rejects.toThrow(/Could not find sentinel/);
  });
});
