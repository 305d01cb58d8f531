// Vite profile for the renderer: renderer/ → dist/renderer/, relative asset paths (Electron loads it from
// app://tessera/, the web host from /), no inline scripts (script-src 'self'), the CSP as a <meta> tag too.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { cspMetaPlugin } from './csp-meta-plugin.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export default defineConfig(({ mode }) => ({
  root: path.join(root, 'renderer'),
  base: './',
  plugins: [react(), cspMetaPlugin()],
  build: {
    outDir: path.join(root, 'dist', 'renderer'),
    emptyOutDir: true,
    // Keep the module preload polyfill out: it is an inline script, which the CSP forbids.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    // Source maps only for development builds (`vite build --mode development`): a packaged or production
    // build never ships the sources, and the web host serves *.map only with `serve --dev`.
    sourcemap: mode === 'development',
    target: 'es2022',
  },
}));
