// Which model licences the user has accepted, kept in the data folder (`accepted-licences.json`), so a licence is
// shown and accepted once, before the first download under it, by whichever host installs first.
import path from 'node:path';
import { z } from 'zod';
import { TesseraError } from '../api/errors.ts';
import type { CatalogueEntry } from '../models/catalogue.ts';
import { AtomicJsonFile } from './atomic-json-file.ts';

export const ACCEPTED_LICENCES_FILE = 'accepted-licences.json';

const AcceptedLicencesSchema = z.strictObject({
  version: z.literal(1),
  /** Licence id → when and under which wording it was accepted. */
  accepted: z.record(z.string(), z.strictObject({ at: z.string(), licence: z.string(), url: z.string() })),
});
type AcceptedLicences = z.infer<typeof AcceptedLicencesSchema>;

export class LicenceAcceptance {
  private readonly file: AtomicJsonFile<AcceptedLicences>;

  constructor(dataDir: string) {
    this.file = new AtomicJsonFile(path.join(dataDir, ACCEPTED_LICENCES_FILE), AcceptedLicencesSchema);
  }

  async isAccepted(licenceId: string): Promise<boolean> {
    return (await this.file.read())?.accepted[licenceId] !== undefined;
  }

  async accept(entry: Pick<CatalogueEntry, 'licenceId' | 'licence' | 'licenceUrl'>): Promise<void> {
    const current = (await this.file.read()) ?? { version: 1, accepted: {} };
    if (current.accepted[entry.licenceId]) return;
    await this.file.save({ version: 1, accepted: { ...current.accepted, [entry.licenceId]: { at: new Date().toISOString(), licence: entry.licence, url: entry.licenceUrl } } });
  }

  /**
   * Before a download: passes when the entry's licence was accepted earlier or `acceptNow` says the user just
   * accepted it (then recorded); otherwise LICENCE_NOT_ACCEPTED naming the licence and where to read it.
   */
  async require(entry: CatalogueEntry, acceptNow: boolean): Promise<void> {
    if (await this.isAccepted(entry.licenceId)) return;
    if (acceptNow) {
      await this.accept(entry);
      return;
    }
    const nc = entry.nonCommercial ? ' (non-commercial use only)' : '';
    throw new TesseraError(
      'LICENCE_NOT_ACCEPTED',
      `${entry.id}: got no acceptance of its licence ${entry.licence}${nc}, expected it accepted before the first download (read ${entry.licenceUrl}; then accept it: --accept-licence in the CLI, the Install dialog in the Studio)`,
      { licenceId: entry.licenceId, licence: entry.licence, licenceUrl: entry.licenceUrl },
    );
  }
}
