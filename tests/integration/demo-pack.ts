// The demo pack made by global-setup.ts, shared read-only by all integration tests (copy before breaking it).
import fs from 'node:fs/promises';
import path from 'node:path';
import { inject } from 'vitest';

export function demoPackDir(): string {
  return inject('demoPackDir');
}

export function demoModel(folder: string): string {
  return path.join(demoPackDir(), folder);
}

/** A private copy of a demo folder under `scratch` that a test may break. */
export async function copyDemoFolder(folder: string, scratch: string): Promise<string> {
  const target = await fs.mkdtemp(path.join(scratch, `${folder}-`));
  await fs.cp(demoModel(folder), target, { recursive: true });
  return target;
}

/** `<parent>/models` holding the shared demo pack as a link, where the registry looks for it (read-only use). */
export async function modelsFolderWithDemoPack(parent: string): Promise<string> {
  const modelsDir = path.join(parent, 'models');
  await fs.mkdir(modelsDir, { recursive: true });
  await fs.symlink(demoPackDir(), path.join(modelsDir, 'demo-pack'));
  return modelsDir;
}
