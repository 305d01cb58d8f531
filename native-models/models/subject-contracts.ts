// Background-removal ("salient object") model families as rembg runs them (rembg/sessions/*.py with
// BaseSession.normalize; facts in model-contracts.md beside this file): the one table that the folder check, the pipeline, the
// demo pack and the tests read. Families within a group share one contract and differ only in their weights.
import { SUBJECT_FAMILY_NAMES } from '../api/model-schemas.ts';

/** The family names live in the API contract (reports carry them); this file adds what each one means. */
export const SUBJECT_FAMILIES = SUBJECT_FAMILY_NAMES;
export type SubjectFamily = (typeof SUBJECT_FAMILIES)[number];

export type SubjectGroup = 'u2net' | 'isnet' | 'birefnet' | 'rmbg-1.4';

export interface SubjectContract {
  group: SubjectGroup;
  /** The square side the image is stretched to (Lanczos) before normalising. */
  size: number;
  /** Per-channel RGB mean and std applied after dividing by the image's own maximum: (x / max − mean) / std. */
  mean: readonly [number, number, number];
  std: readonly [number, number, number];
  /** True: the first output is logits (sigmoid before the min-max); false: it ends in a Sigmoid. */
  logits: boolean;
  /** How many outputs the export has, when the architecture fixes it (U²-Net: the fused map and six side maps). */
  outputCount?: number;
}

const IMAGENET_MEAN = [0.485, 0.456, 0.406] as const;
const IMAGENET_STD = [0.229, 0.224, 0.225] as const;

export const SUBJECT_CONTRACTS: Record<SubjectGroup, SubjectContract> = {
  u2net: { group: 'u2net', size: 320, mean: IMAGENET_MEAN, std: IMAGENET_STD, logits: false, outputCount: 7 },
  isnet: { group: 'isnet', size: 1024, mean: IMAGENET_MEAN, std: [1, 1, 1], logits: false },
  birefnet: { group: 'birefnet', size: 1024, mean: IMAGENET_MEAN, std: IMAGENET_STD, logits: true },
  // BRIA's RMBG-1.4 model card: [0, 1] input, normalize(mean 0.5, std 1.0). (rembg's own `bria-rmbg` is RMBG-2.0,
  // a BiRefNet: use the birefnet contract for it.)
  'rmbg-1.4': { group: 'rmbg-1.4', size: 1024, mean: [0.5, 0.5, 0.5], std: [1, 1, 1], logits: false },
};

export const FAMILY_GROUP: Record<SubjectFamily, SubjectGroup> = {
  u2net: 'u2net',
  u2netp: 'u2net',
  u2net_human_seg: 'u2net',
  'isnet-general-use': 'isnet',
  'isnet-anime': 'isnet',
  'birefnet-general': 'birefnet',
  'birefnet-general-lite': 'birefnet',
  'birefnet-portrait': 'birefnet',
  'bria-rmbg-1.4': 'rmbg-1.4',
};

/** The family a group is reported as when nothing names the exact one (the graph alone cannot tell weights apart). */
export const GROUP_DEFAULT_FAMILY: Record<SubjectGroup, SubjectFamily> = {
  u2net: 'u2net',
  isnet: 'isnet-general-use',
  birefnet: 'birefnet-general',
  'rmbg-1.4': 'bria-rmbg-1.4',
};

/**
 * File-name spellings of each family, most specific first (rembg's download names, BiRefNet's release names,
 * BRIA's `model.onnx` lives in an `RMBG-1.4` folder, so the folder name counts too). Matched against the lower-cased file or folder name.
 */
const NAME_PATTERNS: readonly [RegExp, SubjectFamily][] = [
  [/u2net_?human_?seg/, 'u2net_human_seg'],
  [/u2netp/, 'u2netp'],
  [/u2net/, 'u2net'],
  [/isnet[-_]?anime/, 'isnet-anime'],
  [/isnet/, 'isnet-general-use'],
  [/birefnet.*(lite|swin_v1_tiny)/, 'birefnet-general-lite'],
  [/birefnet.*portrait/, 'birefnet-portrait'],
  [/birefnet/, 'birefnet-general'],
  // Only 1.4: rembg's bria-rmbg-2.0.onnx is a BiRefNet with its own contract, not this one.
  [/rmbg[-_.]?1\.?4/, 'bria-rmbg-1.4'],
];

export function familyFromName(name: string): SubjectFamily | undefined {
  const lower = name.toLowerCase();
  return NAME_PATTERNS.find(([pattern]) => pattern.test(lower))?.[1];
}

export function isSubjectFamily(value: unknown): value is SubjectFamily {
  return typeof value === 'string' && (SUBJECT_FAMILIES as readonly string[]).includes(value);
}

/** One line describing a contract, for reports and errors. */
export function describeContract(contract: SubjectContract): string {
  const outputs = contract.outputCount ? `, ${contract.outputCount} outputs` : '';
  return `${contract.size}×${contract.size} input${outputs}, ${contract.logits ? 'logits (no final Sigmoid)' : 'final Sigmoid'}`;
}
