// tessera-install.json, written into every folder the manager installs: where each file came from, its size
// and the sha256 measured at download (trust on first use) or pinned by the catalogue.
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

export const INSTALL_MANIFEST_NAME = 'tessera-install.json';

export const InstallManifestSchema = z.strictObject({
  version: z.literal(1),
  id: z.string(),
  source: z.enum(['catalogue', 'import']),
  displayName: z.string().optional(),
  licence: z.string().optional(),
  homepage: z.string().optional(),
  /** The folder a copy-import came from. */
  importedFrom: z.string().optional(),
  installedAt: z.string(),
  files: z.array(
    z.strictObject({
      path: z.string(),
      size: z.number().int().nonnegative(),
      /** null for imported files (hashing gigabytes on import would make it slow; sizes are recorded). */
      sha256: z.string().nullable(),
      /** `pinned`: matched the catalogue's hash; `first-use`: measured at download, nothing to compare with. */
      sha256Source: z.enum(['pinned', 'first-use']).nullable(),
      /**
       * The published values this file was checked against at download (the catalogue's exact size, sha256, md5);
       * empty when it published none. Absent in manifests written before it was recorded.
       */
      verifiedAgainst: z.array(z.enum(['size', 'sha256', 'md5'])).optional(),
      url: z.string().optional(),
    }),
  ),
  /** Optional catalogue files the host did not have (404). */
  skipped: z.array(z.string()).optional(),
});

export type InstallManifest = z.infer<typeof InstallManifestSchema>;

export async function writeInstallManifest(dir: string, manifest: InstallManifest): Promise<void> {
  await fs.writeFile(path.join(dir, INSTALL_MANIFEST_NAME), JSON.stringify(manifest, null, 2) + '\n');
}

/** The folder's manifest; `undefined` without one, `{ problem }` when it is unreadable. */
export async function readInstallManifest(dir: string): Promise<{ manifest?: InstallManifest; problem?: string }> {
  const file = path.join(dir, INSTALL_MANIFEST_NAME);
  const text = await fs.readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return {};
  try {
    const parsed = InstallManifestSchema.safeParse(JSON.parse(text));
    if (parsed.success) return { manifest: parsed.data };
    return { problem: `${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` };
  } catch (error) {
    return { problem: `${file}: not valid JSON (${(error as Error).message})` };
  }
}
