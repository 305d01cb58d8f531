// Generates the demo pack once per test run and hands its path to the integration tests.
import path from 'node:path';
import fs from 'node:fs/promises';
import type { TestProject } from 'vitest/node';
import { makeDemoPack } from '../../native-models/demo/make-demo-pack.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    demoPackDir: string;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  const dir = path.resolve('.cache/test-demo-pack');
  await fs.rm(dir, { recursive: true, force: true });
  await makeDemoPack(dir);
  project.provide('demoPackDir', dir);
}
