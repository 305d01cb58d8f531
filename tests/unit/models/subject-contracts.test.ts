// The family table pinned to rembg's source, independently of the table itself: the contract tests build their
// models from SUBJECT_CONTRACTS, so a wrong value there (say ISNet with ImageNet std) would pass them; this file
// restates each value as read in danielgatis/rembg `rembg/sessions/*.py` (predict → self.normalize(img, mean, std,
// size), sigmoid or not before the min-max) and in BRIA's RMBG-1.4 model card.
import { describe, expect, it } from 'vitest';
import { FAMILY_GROUP, SUBJECT_CONTRACTS, SUBJECT_FAMILIES, type SubjectFamily } from '../../../native-models/models/subject-contracts.ts';

const IMAGENET = { mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] };

/** family → (the source it was read from, what that source runs). */
const REMBG: Record<SubjectFamily, { source: string; size: number; mean: number[]; std: number[]; sigmoid: boolean }> = {
  u2net: { source: 'u2net.py', size: 320, ...IMAGENET, sigmoid: false },
  u2netp: { source: 'u2netp.py', size: 320, ...IMAGENET, sigmoid: false },
  u2net_human_seg: { source: 'u2net_human_seg.py', size: 320, ...IMAGENET, sigmoid: false },
  'isnet-general-use': { source: 'dis_general_use.py', size: 1024, mean: IMAGENET.mean, std: [1, 1, 1], sigmoid: false },
  'isnet-anime': { source: 'dis_anime.py', size: 1024, mean: IMAGENET.mean, std: [1, 1, 1], sigmoid: false },
  'birefnet-general': { source: 'birefnet_general.py', size: 1024, ...IMAGENET, sigmoid: true },
  // Subclasses of BiRefNetSessionGeneral that change only the download name and hash.
  'birefnet-general-lite': { source: 'birefnet_general_lite.py', size: 1024, ...IMAGENET, sigmoid: true },
  'birefnet-portrait': { source: 'birefnet_portrait.py', size: 1024, ...IMAGENET, sigmoid: true },
  // Not a rembg session (rembg's bria_rmbg.py runs RMBG-2.0): BRIA's card, normalize([0.5]*3, [1.0]*3) on x / 255.
  'bria-rmbg-1.4': { source: 'briaai/RMBG-1.4 model card', size: 1024, mean: [0.5, 0.5, 0.5], std: [1, 1, 1], sigmoid: false },
};

describe('SUBJECT_CONTRACTS agree with rembg/sessions/*.py', () => {
  it('covers exactly the families the API names', () => {
    expect(Object.keys(REMBG).sort()).toEqual([...SUBJECT_FAMILIES].sort());
  });

  it.each(SUBJECT_FAMILIES)('%s', (family) => {
    const contract = SUBJECT_CONTRACTS[FAMILY_GROUP[family]];
    const want = REMBG[family];
    expect({ source: want.source, size: contract.size, mean: [...contract.mean], std: [...contract.std], sigmoid: contract.logits }).toEqual(want);
  });

  it('U²-Net exports have seven outputs, the fused map first (ort_outs[0] in u2net.py)', () => {
    expect(SUBJECT_CONTRACTS.u2net.outputCount).toBe(7);
  });
});
