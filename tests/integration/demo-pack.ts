// The demo pack made by global-setup.ts, shared read-only by all integration tests (copy before breaking it).
import path from 'node:path';
import { inject } from 'vitest';

export function demoPackDir(): string {
  return inject('demoPackDir');
}

export function demoModel(folder: string): string {
  return path.join(demoPackDir(), folder);
}
