// Probe results kept in the data folder (`provider-probe.json`), keyed by onnxruntime version + provider +
// platform, so a start-up pays for each probe once per machine and again only after an upgrade.
import { readJsonCacheEntries, writeJsonCacheEntries } from './json-cache-file.ts';
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
    return new ProviderProbeCache(file, await readJsonCacheEntries(file, (value) => (isEntry(value) ? value : undefined)));
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
    await writeJsonCacheEntries(this.file, this.entries);
    this.dirty = false;
  }
}
