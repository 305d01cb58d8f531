// The narrow view of a background-removal model that a cut-out batch needs (prompt mode `subject`), and the
// adapter from the subject pipeline (pipelines/subject) to it.
import type { BinaryMask } from '../../core/mask/binary-mask.ts';
import type { GrayImage, RgbImage } from '../../image/rgb-image.ts';
import { SubjectSegmenter } from '../../pipelines/subject/subject-segmenter.ts';
import type { SessionCache } from '../../runtime/index.ts';

export interface SubjectResult {
  /** alpha ≥ 128, the image size. */
  mask: BinaryMask;
  /** The soft alpha, the image size (the cut-out's alpha and the mask PNG, as rembg writes them). */
  alpha: GrayImage;
  /** In [0, 1]: clear pixels × one connected subject (pipelines/subject/subject-confidence.ts). */
  confidence: number;
}

export interface SubjectPort {
  /** The CPU half (resize, normalise), done on the decode workers; its result goes back to cutOut. */
  prepareImage(image: RgbImage): Promise<unknown>;
  cutOut(image: RgbImage, prepared?: unknown): Promise<SubjectResult>;
}

export interface OpenedSubjectPort extends SubjectPort {
  release(): Promise<void>;
}

export async function openSubjectPort(modelPath: string, sessions: SessionCache): Promise<OpenedSubjectPort> {
  const segmenter = await SubjectSegmenter.open(modelPath, { sessions });
  return {
    prepareImage: (image) => segmenter.prepareInput(image),
    // `prepared` is only ever prepareImage's result for this same image (the cut-out job keeps them paired).
    cutOut: async (image, prepared) => {
      const { mask, alpha, confidence } = await segmenter.cutOut(image, prepared as Awaited<ReturnType<SubjectSegmenter['prepareInput']>> | undefined);
      return { mask, alpha, confidence };
    },
    release: () => segmenter.release(),
  };
}
