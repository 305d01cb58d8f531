// The models the app can use: installed folders in the models root (through the ModelManager) plus the
// synthetic demo pack, kept in `<root>/demo-pack/` so its marker never labels real models as demos.
import fs from 'node:fs/promises';
import path from 'node:path';
import { TesseraError } from '../api/errors.ts';
import type { InstalledModelInfo } from '../api/index.ts';
import { DEMO_PACK_MARKER } from '../models/demo-pack-marker.ts';
import { capabilitiesOf, inspectModelFolder } from '../models/index.ts';
import { installedTinyDecoderOf } from '../models/tiny-decoder-choice.ts';
import { checkModelId, type InstalledModel, type ModelManager } from '../models/manager/index.ts';

export const DEMO_PACK_FOLDER = 'demo-pack';
const DEMO_PREFIX = `${DEMO_PACK_FOLDER}/`;

function sourceOf(model: InstalledModel): InstalledModelInfo['source'] {
  if (model.manifest?.source === 'catalogue') return 'catalogue';
  if (model.manifest || model.linked) return 'import';
  return 'manual';
}

export class ModelRegistry {
  /** Replaced when the models folder setting changes (the registry re-opens on the new folder). */
  constructor(public manager: ModelManager) {}

  get root(): string {
    return this.manager.root;
  }

  get demoPackDir(): string {
    return path.join(this.root, DEMO_PACK_FOLDER);
  }

  async hasDemoPack(): Promise<boolean> {
    return (await fs.stat(path.join(this.demoPackDir, DEMO_PACK_MARKER)).catch(() => undefined)) !== undefined;
  }

  /** Installed models first (by id), then the demo models in the pack's own order. */
  async list(): Promise<InstalledModelInfo[]> {
    const installed = (await this.manager.list()).filter((m) => m.id !== DEMO_PACK_FOLDER);
    // Fast decode of a model without its own tiny decoder uses an installed one of its latent family.
    const tinyDecoders = installed.flatMap((m) => installedTinyDecoderOf(m.id, m.report) ?? []);
    const models: InstalledModelInfo[] = installed.map((m) => ({
      id: m.id,
      name: m.manifest?.displayName ?? m.id,
      demo: false,
      linked: m.linked,
      source: sourceOf(m),
      report: m.report,
      capabilities: capabilitiesOf(m.report, tinyDecoders),
    }));
    for (const folder of await this.demoFolders()) {
      const report = await inspectModelFolder(path.join(this.demoPackDir, folder));
      models.push({ id: `${DEMO_PREFIX}${folder}`, name: `${folder} (synthetic demo)`, demo: true, linked: false, source: 'demo', report, capabilities: capabilitiesOf(report, tinyDecoders) });
    }
    return models;
  }

  /** The folder of a model id; unknown ids are MODEL_NOT_FOUND. */
  async pathOf(id: string): Promise<string> {
    const dir = this.locate(id);
    if (!(await fs.stat(dir).catch(() => undefined))?.isDirectory()) throw new TesseraError('MODEL_NOT_FOUND', `got model "${id}", expected one listed by listModels (no folder at ${dir})`);
    return dir;
  }

  isDemo(id: string): boolean {
    return id.startsWith(DEMO_PREFIX);
  }

  async delete(id: string): Promise<void> {
    if (!id.startsWith(DEMO_PREFIX)) {
      await this.manager.delete(id);
      return;
    }
    // A demo model is regenerated at will; deleting the last one removes the pack (and its marker) entirely.
    await fs.rm(await this.pathOf(id), { recursive: true, force: true });
    if ((await this.demoFolders()).length === 0) await fs.rm(this.demoPackDir, { recursive: true, force: true });
  }

  private locate(id: string): string {
    if (id.startsWith(DEMO_PREFIX)) return path.join(this.demoPackDir, checkModelId(id.slice(DEMO_PREFIX.length)));
    return path.join(this.root, checkModelId(id));
  }

  private async demoFolders(): Promise<string[]> {
    if (!(await this.hasDemoPack())) return [];
    const marker = JSON.parse(await fs.readFile(path.join(this.demoPackDir, DEMO_PACK_MARKER), 'utf8')) as { folders?: unknown };
    const listed = Array.isArray(marker.folders) ? marker.folders.filter((f): f is string => typeof f === 'string') : [];
    const present = await Promise.all(listed.map(async (f) => ((await fs.stat(path.join(this.demoPackDir, f)).catch(() => undefined))?.isDirectory() ? f : undefined)));
    return present.filter((f): f is string => f !== undefined);
  }
}
