// Checks feeds against a session's declared inputs before every run (style rule 4), with messages that say what differs.
import type { Tensor } from '../core/tensor.ts';
import { formatDims } from '../core/tensor.ts';
import { TesseraError } from '../api/errors.ts';
import { describeTensorInfo, type TensorInfo } from './tensor-info.ts';

/** Throws TENSOR_MISMATCH naming the model file and every offending input; returns silently when all match. */
export function validateFeeds(modelPath: string, inputs: readonly TensorInfo[], feeds: Record<string, Tensor>): void {
  const problems: string[] = [];
  const declared = new Set(inputs.map((i) => i.name));
  for (const info of inputs) {
    const feed = feeds[info.name];
    if (!feed) {
      problems.push(`input "${info.name}" is missing (expected ${describeTensorInfo(info)})`);
      continue;
    }
    if (info.type !== 'unknown' && feed.type !== info.type) {
      problems.push(`input "${info.name}": got ${feed.type} ${formatDims(feed.dims)}, expected ${describeTensorInfo(info)}`);
      continue;
    }
    if (feed.dims.length !== info.shape.length) {
      problems.push(`input "${info.name}": got rank ${feed.dims.length} ${formatDims(feed.dims)}, expected rank ${info.shape.length} ${describeTensorInfo(info)}`);
      continue;
    }
    info.shape.forEach((dim, axis) => {
      if (typeof dim === 'number' && dim >= 0 && feed.dims[axis] !== dim) {
        problems.push(`input "${info.name}": got ${formatDims(feed.dims)}, expected ${describeTensorInfo(info)} (axis ${axis} must be ${dim})`);
      }
    });
  }
  for (const name of Object.keys(feeds)) {
    if (!declared.has(name)) problems.push(`feed "${name}" is not an input of this model (inputs: ${[...declared].join(', ')})`);
  }
  if (problems.length > 0) {
    throw new TesseraError('TENSOR_MISMATCH', `${modelPath}: ${problems.join('; ')}`, { modelPath, problems });
  }
}

/** One line per feed ("name: float32 [1, 4, 64, 64]"), attached to errors from a failed run. */
export function describeFeeds(feeds: Record<string, Tensor>): string {
  return Object.entries(feeds)
    .map(([name, t]) => `${name}: ${t.type} ${formatDims(t.dims)}`)
    .join(', ');
}
