// `auto`'s measured provider choices kept in the data folder (`provider-choices.json`), one per model file and
// machine: the key holds the model's path, size and modification time, the CPU, the platform and the onnxruntime
// version, so a changed model, another machine or an upgrade measures again, and a restart does not.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ProviderChoice } from '../api/index.ts';
import { ProviderChoiceSchema } from '../api/health-schemas.ts';
import { onnxRuntimeVersion } from '../runtime/index.ts';
import { readJsonCacheEntries, writeJsonCacheEntries } from '../runtime/json-cache-file.ts';

/** The cache key of one model file on this machine; undefined when the file cannot be read (nothing to cache). */
export async function choiceKeyOf(modelPath: string): Promise<string | undefined> {
  const stat = await fs.stat(modelPath).catch(() => undefined);
  if (!stat) return undefined;
  const machine = `${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}|${process.platform}-${process.arch}|onnxruntime ${onnxRuntimeVersion()}`;
  return `${machine}|${path.resolve(modelPath)}|${stat.size}|${Math.round(stat.mtimeMs)}`;
}

export class ProviderChoiceCache {
  private constructor(
    readonly file: string,
    private readonly entries: Record<string, ProviderChoice>,
  ) {}

  /** Reads the file; a missing or unreadable one starts empty (a cache: measuring again rebuilds it). */
  static async open(file: string): Promise<ProviderChoiceCache> {
    const entries = await readJsonCacheEntries(file, (value) => {
      const choice = ProviderChoiceSchema.safeParse(value);
      return choice.success ? choice.data : undefined;
    });
    return new ProviderChoiceCache(file, entries);
  }

  get(key: string): ProviderChoice | undefined {
    return Object.hasOwn(this.entries, key) ? this.entries[key] : undefined;
  }

  /** Records a choice and writes the file atomically. */
  async set(key: string, choice: ProviderChoice): Promise<void> {
    this.entries[key] = choice;
    await writeJsonCacheEntries(this.file, this.entries);
  }
}
