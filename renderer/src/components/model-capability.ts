// Reads the selected model's capabilities from the model list (the engine decides them; see
// native-models/models/model-capabilities.ts), so buttons are disabled with the engine's reason.
import type { InstalledModelInfo, ModelTask } from '../../../native-models/api/index.ts';

/** Why the selected model cannot do `task`, prefixed by its name; null when it can (or nothing is selected yet). */
export function cannotDoReason(models: InstalledModelInfo[], selectedId: string | null, task: ModelTask): string | null {
  const model = models.find((m) => m.id === selectedId);
  const capability = model?.capabilities.find((c) => c.task === task);
  if (!model || !capability || capability.available) return null;
  return `${modelLabel(model)} cannot do this: ${capability.reason ?? 'not supported'}`;
}

/** How the Model list names a model: demo models by folder with "(demo)". */
export function modelLabel(m: InstalledModelInfo): string {
  return m.demo ? `${m.id.slice(m.id.indexOf('/') + 1)} (demo)` : m.name;
}
