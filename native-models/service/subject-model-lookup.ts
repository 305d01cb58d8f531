// Which background-removal model a click-free cut-out uses (see model-lookup.ts for the order it looks in).
import { findModelOfKind, type ModelLookup } from './model-lookup.ts';

export type SubjectModelLookup = ModelLookup;

export function findSubjectModel(nameOrPath: string | undefined, modelsRoot?: string): Promise<SubjectModelLookup> {
  return findModelOfKind({ kind: 'background-removal', what: 'a background-removal model', demoFolder: 'demo-rembg-u2net' }, nameOrPath, modelsRoot);
}
