// The Generate form's refiner fields: which installed SDXL refiner takes the schedule over (none by default) and
// where (REFINER_DEFAULTS, the engine's one place), their validation, the API's `refiner` parameter they make, and
// a recorded refiner ("Refiner: <title>") read back onto an installed one.
import type { GenerateParams, InstalledModelInfo } from '../../../native-models/api/index.ts';
import type { PartialGenerationParameters } from '../../../native-models/api/generation-parameters.ts';
import { REFINER_DEFAULTS } from '../../../native-models/api/refiner-defaults.ts';

export interface RefinerForm {
  /** '' = no refiner; else an installed refiner's model id. */
  refinerModelId: string;
  /** Fraction of the steps the base runs, strictly inside (0, 1). */
  refinerSwitchAt: number;
}

export const DEFAULT_REFINER_FORM: RefinerForm = { refinerModelId: '', refinerSwitchAt: REFINER_DEFAULTS.switchAt };

/** An SDXL model a refiner can follow: any SDXL role but the refiner itself. */
export function takesRefiner(model: InstalledModelInfo | undefined): boolean {
  const role = model?.report.diffusion?.sdxl?.role;
  return role !== undefined && role !== 'refiner';
}

/** The installed, usable SDXL refiners (the models check's role "refiner"). */
export function refinerModels(models: readonly InstalledModelInfo[]): InstalledModelInfo[] {
  return models.filter((m) => m.report.usable && m.report.diffusion?.sdxl?.role === 'refiner');
}

export function validateRefinerForm(form: RefinerForm): Partial<Record<keyof RefinerForm, string>> {
  if (form.refinerModelId === '') return {};
  const s = form.refinerSwitchAt;
  return Number.isFinite(s) && s > 0 && s < 1 ? {} : { refinerSwitchAt: `got ${s}, expected a fraction of the steps strictly between 0 and 1` };
}

export function refinerParams(form: RefinerForm): Pick<GenerateParams, 'refiner'> {
  return form.refinerModelId === '' ? {} : { refiner: { model: form.refinerModelId, switchAt: form.refinerSwitchAt } };
}

/** A recorded refiner → the installed one whose folder has that title; no refiner when the image had none. */
export function refinerFormFromParameters(p: PartialGenerationParameters, models: readonly InstalledModelInfo[]): Partial<RefinerForm> {
  if (!p.refiner) return { refinerModelId: '' };
  const title = p.refiner.model;
  const installed = refinerModels(models).find((m) => m.id === title || m.id.split('/').at(-1) === title);
  return installed ? { refinerModelId: installed.id, refinerSwitchAt: p.refiner.switchAt } : {};
}
