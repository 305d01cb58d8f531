// The app settings in the data folder (`settings.json`): validated on read and on every change; fields a newer
// or older version left out take their defaults, so an upgrade never loses the rest.
import { z } from 'zod';
import { TesseraError } from '../api/errors.ts';
import { DEFAULT_SETTINGS, SettingsSchema, type Settings } from '../api/index.ts';
import { AtomicJsonFile } from './atomic-json-file.ts';

const SettingsFileSchema = z.strictObject({ version: z.literal(1), settings: SettingsSchema.partial() });

/** The keys whose values differ between two settings objects. */
export function changedSettings(before: Settings, after: Settings): (keyof Settings)[] {
  // JSON comparison: defaultModels is an object, equal in value after a re-parse but never the same reference.
  return (Object.keys(after) as (keyof Settings)[]).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
}

/** Applies a change to the settings and checks the result as a whole (INVALID_ARGUMENT naming each bad field). */
export function mergeSettings(current: Settings, change: Partial<Settings>): Settings {
  const parsed = SettingsSchema.safeParse({ ...current, ...change });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new TesseraError('INVALID_ARGUMENT', `settings: ${issues}`);
  }
  return parsed.data;
}

export class SettingsStore {
  private value: Settings = DEFAULT_SETTINGS;

  private constructor(private readonly file: AtomicJsonFile<z.infer<typeof SettingsFileSchema>>) {}

  static async open(path: string): Promise<SettingsStore> {
    const store = new SettingsStore(new AtomicJsonFile(path, SettingsFileSchema));
    store.value = { ...DEFAULT_SETTINGS, ...((await store.file.read())?.settings ?? {}) };
    return store;
  }

  get current(): Settings {
    return this.value;
  }

  /** Validates, saves and answers the new settings with the keys that changed. */
  async update(change: Partial<Settings>): Promise<{ settings: Settings; changed: (keyof Settings)[] }> {
    const next = mergeSettings(this.value, change);
    const changed = changedSettings(this.value, next);
    if (changed.length > 0) await this.file.save({ version: 1, settings: next });
    this.value = next;
    return { settings: next, changed };
  }
}
