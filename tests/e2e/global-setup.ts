// Builds the renderer into dist/renderer/ before the browser tests, so they always test the current source.
import { build } from 'vite';

export default async function globalSetup(): Promise<void> {
  await build({ configFile: 'build/vite.renderer.config.ts', logLevel: 'warn' });
}
