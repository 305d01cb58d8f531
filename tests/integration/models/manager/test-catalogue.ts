// Builds catalogue entries pointing at the test file server, with real, unknown or wrong sizes and hashes.
import { createHash } from 'node:crypto';
import type { CatalogueEntry } from '../../../../native-models/models/catalogue.ts';
import type { TestFileServer } from './test-file-server.ts';

export interface EntryOptions {
  /** `exact`: the real byte counts; `unknown`: null (Content-Length is checked instead). */
  sizes?: 'exact' | 'unknown';
  /** `real`: pinned correct hashes; `none`: null (trust on first use). */
  hashes?: 'real' | 'none';
}

export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** An entry for files already added to `server` under `/<prefix>/<rel>`. */
export function entryFor(server: TestFileServer, prefix: string, rels: string[], id: string, kind: 'diffusion' | 'sam', options: EntryOptions = {}): CatalogueEntry {
  const sizes = options.sizes ?? 'exact';
  return {
    id,
    displayName: `Test ${id}`,
    kind,
    task: kind === 'sam' ? 'segmentation' : 'text-to-image',
    licence: 'Test Licence 1.0',
    licenceId: 'test-licence-1.0',
    licenceUrl: 'https://example.invalid/licence',
    homepage: 'https://example.invalid/test',
    sizeVerified: sizes === 'exact',
    note: 'served by the test file server',
    files: rels.map((rel) => {
      const bytes = server.fileBytes(`/${prefix}/${rel}`);
      return {
        path: rel,
        url: `${server.baseUrl}/${prefix}/${rel}`,
        size: sizes === 'exact' ? bytes.length : null,
        sha256: options.hashes === 'real' ? sha256Hex(bytes) : null,
      };
    }),
  };
}
