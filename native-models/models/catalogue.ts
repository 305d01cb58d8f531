// The catalogue of downloadable models (catalogue.json): its schema, loader and size helpers.
// Validated on load so a hand-edited or test catalogue with a bad path or URL never reaches the installer.
import fs from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { TesseraError } from '../api/errors.ts';
import { INSTALL_MANIFEST_NAME } from './manager/install-manifest.ts';
import { LATENT_FAMILIES, LATENT_FAMILY_FILE } from './tiny-decoder-folder.ts';

export const DEFAULT_CATALOGUE_PATH = fileURLToPath(new URL('./catalogue.json', import.meta.url));

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** https everywhere; plain http only for loopback hosts (local mirrors and tests). */
const DownloadUrlSchema = z.url().refine(
  (value) => {
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
  },
  { message: 'expected an https:// URL (http:// only for 127.0.0.1/localhost)' },
);

/** A relative POSIX path that stays inside the model folder. */
const RelativePathSchema = z
  .string()
  .min(1)
  .refine((p) => !p.startsWith('/') && !p.includes('\\') && !/^[A-Za-z]:/.test(p), { message: 'expected a relative POSIX path' })
  .refine((p) => p.split('/').every((s) => s !== '' && s !== '.' && s !== '..'), { message: 'expected no empty, "." or ".." segments' })
  .refine((p) => !p.endsWith('.partial'), { message: 'the .partial suffix is reserved for downloads in progress' })
  .refine((p) => p !== INSTALL_MANIFEST_NAME && p !== LATENT_FAMILY_FILE, { message: `${INSTALL_MANIFEST_NAME} and ${LATENT_FAMILY_FILE} are written by the installer` });

export const CatalogueFileSchema = z.strictObject({
  /** Where the file goes inside the installed model folder. */
  path: RelativePathSchema,
  url: DownloadUrlSchema,
  /** Exact byte count published by the host, checked after download; null when not known here (Content-Length is checked instead). */
  size: z.number().int().nonnegative().nullable(),
  /** Rounded size as a file browser shows it, for the disk-space check and the UI; absent when not known at all. */
  approxSize: z.number().int().nonnegative().optional(),
  /** Lower-case hex sha256; null = trust on first use (the measured hash goes into the install manifest). */
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/, { message: 'expected 64 lower-case hex digits' })
    .nullable(),
  /** Lower-case hex md5 where the distributor publishes only that (rembg pins its release files by md5); verified too. */
  md5: z
    .string()
    .regex(/^[0-9a-f]{32}$/, { message: 'expected 32 lower-case hex digits' })
    .optional(),
  /** An optional file that the host may not have: a 404 skips it instead of failing the install. */
  optional: z.boolean().optional(),
});

/** The folder kind the installed files must make (what `models check` reports). */
export const CATALOGUE_KINDS = ['diffusion', 'tiny-decoder', 'sam', 'background-removal', 'upscaler'] as const;

/** What a model does, as the catalogue lists it. */
export const CATALOGUE_TASKS = ['text-to-image', 'inpainting', 'turbo', 'fast-decode', 'segmentation', 'background-removal', 'upscaler'] as const;

const HttpsUrlSchema = z.url().refine((u) => u.startsWith('https://'), { message: 'expected an https:// URL' });

export const CatalogueEntrySchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, { message: 'expected lower-case letters, digits and dashes' }),
    displayName: z.string().min(1),
    kind: z.enum(CATALOGUE_KINDS),
    task: z.enum(CATALOGUE_TASKS),
    /** The licence's full name, as shown before the first download. */
    licence: z.string().min(1),
    /** A stable id (SPDX where one exists, else the host's licence tag): what an acceptance is recorded under. */
    licenceId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9.+-]{0,99}$/, { message: 'expected an SPDX-style licence id' }),
    /** Where the licence text can be read. */
    licenceUrl: HttpsUrlSchema,
    /** True when the licence forbids commercial use: stated next to the entry, never hidden. */
    nonCommercial: z.boolean().optional(),
    homepage: z.url().refine((u) => u.startsWith('https://'), { message: 'expected an https:// homepage' }),
    description: z.string().optional(),
    /** Tiny decoders only: the VAE latent space it decodes (sd: SD 1.x/2.x, sdxl), recorded in the folder at install. */
    latentFamily: z.enum(LATENT_FAMILIES).optional(),
    /** True only when every required file carries an exact published byte size. */
    sizeVerified: z.boolean(),
    /** How this entry's integrity is established (pinned hashes, or sizes and trust-on-first-use hashes). */
    note: z.string().min(1),
    files: z.array(CatalogueFileSchema).min(1),
  })
  .superRefine((entry, ctx) => {
    const seen = new Set<string>();
    for (const file of entry.files) {
      if (seen.has(file.path)) ctx.addIssue({ code: 'custom', message: `${entry.id}: file path ${file.path} appears twice` });
      seen.add(file.path);
    }
    if ((entry.kind === 'tiny-decoder') !== (entry.latentFamily !== undefined)) {
      ctx.addIssue({ code: 'custom', message: `${entry.id}: latentFamily is required for a tiny-decoder entry and only for one` });
    }
    if (entry.sizeVerified && entry.files.some((f) => !f.optional && f.size === null)) {
      ctx.addIssue({ code: 'custom', message: `${entry.id}: sizeVerified is true but a required file has size null` });
    }
  });

export const CatalogueSchema = z
  .strictObject({
    version: z.literal(1),
    notes: z.array(z.string()),
    models: z.array(CatalogueEntrySchema),
  })
  .superRefine((catalogue, ctx) => {
    const seen = new Set<string>();
    for (const model of catalogue.models) {
      if (seen.has(model.id)) ctx.addIssue({ code: 'custom', message: `model id ${model.id} appears twice` });
      seen.add(model.id);
    }
  });

export type CatalogueFile = z.infer<typeof CatalogueFileSchema>;
export type CatalogueEntry = z.infer<typeof CatalogueEntrySchema>;
export type Catalogue = z.infer<typeof CatalogueSchema>;

/** `models.3.files.0.url` → `model "sd-x" (models[3]) files.0.url`, so a hand-edited file's bad entry is named. */
function issuePath(issuePathParts: PropertyKey[], value: unknown): string {
  const [first, index, ...rest] = issuePathParts;
  if (first === 'models' && typeof index === 'number') {
    const id = (value as { models?: { id?: unknown }[] } | null)?.models?.[index]?.id;
    const name = typeof id === 'string' ? `model "${id}" (models[${index}])` : `models[${index}]`;
    return rest.length > 0 ? `${name} ${rest.join('.')}` : name;
  }
  return issuePathParts.join('.') || '(root)';
}

function describeIssues(error: z.ZodError, value?: unknown): string {
  return error.issues.map((i) => `${issuePath(i.path, value)}: ${i.message}`).join('; ');
}

/** Validates a parsed catalogue; throws MODEL_INVALID naming every bad entry and field. */
export function parseCatalogue(value: unknown, source = 'catalogue'): Catalogue {
  const result = CatalogueSchema.safeParse(value);
  if (!result.success) throw new TesseraError('MODEL_INVALID', `${source}: invalid catalogue (${describeIssues(result.error, value)})`);
  return result.data;
}

/** Validates one entry (e.g. one the host received over IPC). */
export function parseCatalogueEntry(value: unknown): CatalogueEntry {
  const result = CatalogueEntrySchema.safeParse(value);
  if (!result.success) throw new TesseraError('INVALID_ARGUMENT', `invalid catalogue entry (${describeIssues(result.error)})`);
  return result.data;
}

export async function loadCatalogue(file: string = DEFAULT_CATALOGUE_PATH): Promise<Catalogue> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new TesseraError('IO_ERROR', `${file}: cannot read the model catalogue (${(error as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new TesseraError('MODEL_INVALID', `${file}: catalogue is not valid JSON (${(error as Error).message})`);
  }
  return parseCatalogue(json, file);
}

export function findCatalogueEntry(catalogue: Catalogue, id: string): CatalogueEntry {
  const entry = catalogue.models.find((m) => m.id === id);
  if (!entry) throw new TesseraError('MODEL_NOT_FOUND', `got model id "${id}", expected one of ${catalogue.models.map((m) => m.id).join(', ')}`);
  return entry;
}

/** Best known size of one file: exact when published, else the rounded file-browser size, else 0 (unknown). */
export function estimatedFileBytes(file: CatalogueFile): number {
  return file.size ?? file.approxSize ?? 0;
}

/** How far an entry's files are pinned by a published hash (sha256 or md5): what the Catalogue tab states. */
export type CatalogueHashStatus = 'pinned' | 'partly-pinned' | 'not-published';

export function catalogueHashStatus(entry: CatalogueEntry): CatalogueHashStatus {
  const required = entry.files.filter((f) => !f.optional);
  const pinned = required.filter((f) => f.sha256 !== null || f.md5 !== undefined).length;
  if (pinned === 0) return 'not-published';
  return pinned === required.length ? 'pinned' : 'partly-pinned';
}

/** Estimated download size of an entry (unknown sizes count as 0; the downloader checks Content-Length per file). */
export function estimatedEntryBytes(entry: CatalogueEntry): number {
  return entry.files.reduce((sum, f) => sum + estimatedFileBytes(f), 0);
}
