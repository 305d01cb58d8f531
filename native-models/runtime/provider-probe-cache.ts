// Probe results kept in the data folder (`provider-probe.json`), keyed by onnxruntime version + provider +
// platform, so a start-up pays for each probe once per machine and again only after an upgrade.
import fs from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../image/write-file-atomic.ts';
import type { ProbeOutcome } from './provider-probe.ts';

interface CacheEntry extends ProbeOutcome {
  probedAt: string;
}

function keyOf(ortVersion: string, provider: string, platform: string): string {
  return `${ortVersion}|${provider}|${platform}`;
}

function isEntry(value: unknown): value is CacheEntry {
  const v = value as Partial<CacheEntry> | null;
  return typeof v === 'object' && v !== null && typeof v.ok === 'boolean' && (v.error === undefined || typeof v.error === 'string');
}

export class ProviderProbeCache {
  private dirty = false;

  private constructor(
    readonly file: string,
    private readonly entries: Record<string, CacheEntry>,
  ) {}

  /** Reads the file; a missing or unreadable one starts empty (it is only a cache: the probe runs again). */
  static async open(file: string): Promise<ProviderProbeCache> {
    const text = await fs.readFile(file, 'utf8').catch(() => undefined);
    let entries: Record<string, CacheEntry> = {};
    try {
      const parsed = text === undefined ? {} : (JSON.parse(text) as { entries?: Record<string, unknown> });
      entries = Object.fromEntries(Object.entries(parsed.entries ?? {}).filter((e): e is [string, CacheEntry] => isEntry(e[1])));
    } catch {
      // Not JSON any more: probing again rebuilds it, and save() replaces the file.
    }
    return new ProviderProbeCache(file, entries);
  }

  get(ortVersion: string, provider: string, platform: string): ProbeOutcome | undefined {
    const entry = this.entries[keyOf(ortVersion, provider, platform)];
    return entry ? { ok: entry.ok, ...(entry.error ? { error: entry.error } : {}) } : undefined;
  }

  set(ortVersion: string, provider: string, platform: string, outcome: ProbeOutcome): void {
    this.entries[keyOf(ortVersion, provider, platform)] = { ...outcome, probedAt: new Date().toISOString() };
    this.dirty = true;
  }

  /** Writes the file atomically when anything changed. */
  async save(): Promise<void> {
    if (!this.dirty) return;
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    await writeFileAtomic(this.file, new TextEncoder().encode(`${JSON.stringify({ entries: this.entries }, null, 2)}\n`), { overwrite: true });
    this.dirty = false;
  }
}
