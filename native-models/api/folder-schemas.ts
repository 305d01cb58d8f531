// The server-side folder browser (the web host's stand-in for a folder dialog): the folders it may show are the
// user's home and the configured folders (models, data, output); a listing is one folder's visible child folders
// with how many images each holds directly.
import { z } from 'zod';

const FolderPath = z.string().min(1).max(4096);

export const ListFoldersArgsSchema = z
  .strictObject({
    /** An absolute folder inside one of the roots; absent: the roots themselves. */
    path: FolderPath.optional(),
  })
  .optional();

export const FolderRootSchema = z.strictObject({
  /** "Home", "Models folder", "Data folder", "Output folder". */
  label: z.string(),
  /** The root's real path (symlinks resolved). */
  path: FolderPath,
});

export const FolderEntrySchema = z.strictObject({
  name: z.string(),
  /** The child's real path, inside a root. */
  path: FolderPath,
  /** Image files directly in the folder (by extension, as batch input discovery counts them). */
  imageCount: z.number().int().min(0),
});

export const ListFoldersResultSchema = z.strictObject({
  roots: z.array(FolderRootSchema),
  /** The folder listed (its real path); null when the roots were asked for. */
  path: FolderPath.nullable(),
  /** The folder one up, when it is still inside a root; null at a root (go back to the roots). */
  parent: FolderPath.nullable(),
  /** Image files directly in the listed folder. */
  imageCount: z.number().int().min(0),
  /** Visible child folders by name; hidden ones (".name") and links leading out of the roots are left out. */
  folders: z.array(FolderEntrySchema),
});
