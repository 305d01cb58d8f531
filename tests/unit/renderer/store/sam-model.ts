// An installed segmentation (SAM) model record for the Batch store tests (diffusionModel's, re-kinded).
import type { InstalledModelInfo } from '../../../../native-models/api/index.ts';
import { diffusionModel } from './fake-api.ts';

export function samModel(id: string): InstalledModelInfo {
  const base = diffusionModel(id);
  return { ...base, report: { ...base.report, kind: 'sam', diffusion: undefined } };
}
