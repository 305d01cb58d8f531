// Adapts the Segment Anything pipeline (pipelines/segment) to the SegmenterPort a cut-out batch uses.
// PLACEHOLDER until pipelines/segment lands: opening fails with a clear UNSUPPORTED error.

import { TesseraError } from '../../api/errors.ts';
import type { SessionCache } from '../../runtime/index.ts';
import type { SegmenterPort } from './segmenter-port.ts';

export interface OpenedSegmenter extends SegmenterPort {
  release(): Promise<void>;
}

export async function openSamSegmenterPort(dir: string, _sessions: SessionCache): Promise<OpenedSegmenter> {
  throw new TesseraError('UNSUPPORTED', `${dir}: got a SAM model folder, expected the segmentation pipeline, which this build does not have yet`);
}
