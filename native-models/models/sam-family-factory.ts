// The one place a family name becomes a module: the folder report names the family, this builds its pair.
import { TesseraError } from '../api/errors.ts';
import type { OnnxModel } from '../runtime/index.ts';
import type { SamDetails } from './model-folder-report.ts';
import { Sam1Family } from './sam1-family.ts';
import type { SamFamily } from './sam-family.ts';
import { Sam2Family } from './sam2-family.ts';
import { SAM2_LAYOUTS } from './sam2-layouts.ts';

export function createSamFamily(details: Pick<SamDetails, 'family'>, encoder: OnnxModel, decoder: OnnxModel): SamFamily {
  if (details.family === 'sam') return new Sam1Family(encoder, decoder);
  const layout = SAM2_LAYOUTS.find((l) => l.family === details.family);
  if (!layout) throw new TesseraError('UNSUPPORTED', `SAM family "${details.family}" has no layout (expected one of ${SAM2_LAYOUTS.map((l) => l.family).join(', ')})`);
  return new Sam2Family(layout, encoder, decoder);
}
