// Adapts the Segment Anything pipeline (pipelines/segment) to the SegmenterPort a cut-out batch uses.
import type { SessionCache } from '../../runtime/index.ts';
import { SamSegmenter, type PreparedSamImage } from '../../pipelines/segment/sam-segmenter.ts';
import { segmentEverything } from '../../pipelines/segment/segment-everything.ts';
import type { SegmenterPort } from './segmenter-port.ts';

export interface OpenedSegmenter extends SegmenterPort {
  release(): Promise<void>;
}

export async function openSamSegmenterPort(dir: string, sessions: SessionCache): Promise<OpenedSegmenter> {
  const segmenter = await SamSegmenter.open(dir, { sessions });
  return {
    prepareImage: (image) => segmenter.prepareImage(image),
    // `prepared` is only ever prepareImage's result for this same image (the cut-out job keeps them paired).
    setImage: (image, prepared) => segmenter.setImage(prepared ? (prepared as PreparedSamImage) : image),
    predict: async ({ points, box }) => {
      const { best } = await segmenter.predict({
        points,
        box: box ? { x0: box[0], y0: box[1], x1: box[2], y1: box[3] } : undefined,
      });
      return { mask: best.mask, score: best.score };
    },
    segmentEverything: async (options) => (await segmentEverything(segmenter, options)).map((m) => ({ mask: m.mask, score: m.score })),
    release: () => segmenter.release(),
  };
}
