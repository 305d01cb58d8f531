// What a session declares about each input/output: name, element type, shape with symbolic dims as strings.
import type { TensorType } from '../core/tensor.ts';

export interface TensorInfo {
  name: string;
  /** Element type, or 'unknown' for types Tessera never feeds (strings, sequences, maps). */
  type: TensorType | 'unknown';
  /** Fixed sizes as numbers, dynamic axes by their symbolic name (or '?' when unnamed). */
  shape: (number | string)[];
}

export function describeTensorInfo(info: TensorInfo): string {
  return `${info.type} [${info.shape.join(', ')}]`;
}
