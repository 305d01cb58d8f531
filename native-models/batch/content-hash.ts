// The resume key of a batch item: sha256 of its content (the input file's bytes, or a generate item's request).

import { createHash } from 'node:crypto';

export function sha256Hex(content: Uint8Array | string): string {
  return createHash('sha256').update(content).digest('hex');
}
