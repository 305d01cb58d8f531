// The catalogue a host offers: the shipped catalogue.json plus the user's own `catalogue.json` in the data folder
// (same schema), with Hugging Face URLs pointed at a mirror when TESSERA_HF_ENDPOINT is set.
import fs from 'node:fs/promises';
import path from 'node:path';
import { TesseraError } from '../api/errors.ts';
import { DEFAULT_CATALOGUE_PATH, loadCatalogue, type Catalogue, type CatalogueEntry } from './catalogue.ts';
import { hfEndpointFromEnv, rewriteHfUrl } from './manager/hf-endpoint.ts';

/** The user's catalogue file inside a data folder. */
export const USER_CATALOGUE_FILE = 'catalogue.json';

export interface CatalogueSources {
  /** The shipped catalogue, or the one `--catalogue FILE` names. */
  cataloguePath?: string;
  /** A data folder whose `catalogue.json`, when present, adds entries. */
  dataDir?: string;
  /** Default: process.env (TESSERA_HF_ENDPOINT). */
  env?: NodeJS.ProcessEnv;
}

export interface CatalogueWithOrigin extends Catalogue {
  /** Entry id → the file it came from. */
  origin: Record<string, string>;
}

function withMirror(entry: CatalogueEntry, endpoint: string | null): CatalogueEntry {
  if (endpoint === null) return entry;
  return { ...entry, files: entry.files.map((f) => ({ ...f, url: rewriteHfUrl(f.url, endpoint) })) };
}

export async function loadCatalogueSources(sources: CatalogueSources = {}): Promise<CatalogueWithOrigin> {
  const basePath = sources.cataloguePath ?? DEFAULT_CATALOGUE_PATH;
  const base = await loadCatalogue(basePath);
  const models = [...base.models];
  const origin: Record<string, string> = Object.fromEntries(base.models.map((m) => [m.id, basePath]));
  const notes = [...base.notes];
  if (sources.dataDir !== undefined) {
    const userPath = path.join(sources.dataDir, USER_CATALOGUE_FILE);
    if (await fs.stat(userPath).catch(() => undefined)) {
      const user = await loadCatalogue(userPath);
      for (const entry of user.models) {
        if (origin[entry.id] !== undefined) {
          throw new TesseraError('MODEL_INVALID', `${userPath}: model "${entry.id}" is already in ${origin[entry.id]}, expected a new id (the user catalogue adds entries, it does not replace them)`);
        }
        models.push(entry);
        origin[entry.id] = userPath;
      }
      notes.push(...user.notes);
    }
  }
  const endpoint = hfEndpointFromEnv(sources.env ?? process.env);
  return { version: 1, notes, models: models.map((m) => withMirror(m, endpoint)), origin };
}
