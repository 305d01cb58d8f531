// Before the browser tests: builds the renderer into dist/renderer/, so they always test the current source, and
// writes the demo pack once, for the fixture to copy into each test's models folder.
import fs from 'node:fs/promises';
import { build } from 'vite';
import { makeDemoPack } from '../../native-models/demo/make-demo-pack.ts';
import { E2E_DEMO_PACK_TEMPLATE } from './demo-pack-template.ts';

export default async function globalSetup(): Promise<void> {
  await fs.rm(E2E_DEMO_PACK_TEMPLATE, { recursive: true, force: true });
  await Promise.all([build({ configFile: 'build/vite.renderer.config.ts', logLevel: 'warn' }), makeDemoPack(E2E_DEMO_PACK_TEMPLATE)]);
}
