// `auto`'s measured provider choices kept in the data folder (`provider-choices.json`), one per model file and
// machine: the key holds the model's path, size and modification time, the CPU, the platform and the onnxruntime
// version, so a changed model, another machine or an upgrade measures again, and a restart does not.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ProviderChoice } from '../api/index.ts';
import { ProviderChoiceSchema } from '../api/health-schemas.ts';
import { writeFileAtomic } from '../image/write-file-atomic.ts';
import { onnxRuntimeVersion } from '../runtime/index.ts';

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
    const text = await fs.readFile(file, 'utf8').catch(() => undefined);
    const entries: Record<string, ProviderChoice> = {};
    try {
      const parsed = text === undefined ? {} : (JSON.parse(text) as { entries?: Record<string, unknown> });
      for (const [key, value] of Object.entries(parsed.entries ?? {})) {
        const choice = ProviderChoiceSchema.safeParse(value);
        if (choice.success) entries[key] = choice.data;
      }
    } catch {
      // Not JSON any more: the next measurement replaces the file.
    }
    return new ProviderChoiceCache(file, entries);
  }

  get(key: string): ProviderChoice | undefined {
    return Object.hasOwn(this.entries, key) ? this.entries[key] : undefined;
  }

  /** Records a choice and writes the file atomically. */
  async set(key: string, choice: ProviderChoice): Promise<void> {
    this.entries[key] = choice;
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    await writeFileAtomic(this.file, new TextEncoder().encode(`${JSON.stringify({ entries: this.entries }, null, 2)}\n`), { overwrite: true });
  }
}
