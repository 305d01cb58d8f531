// The Import tab's "Latent family" field for a tiny decoder (TAESD-class): its graph does not say whether it
// decodes SD 1.x/2.x or SDXL latents, so the user picks one, as `tessera models import --latent-family` asks; there is
// deliberately no default, and a folder that already records its family shows it instead of asking.
import { LATENT_FAMILY_LABELS, LATENT_FAMILY_NAMES, type LatentFamilyName, type ModelFolderReportData } from '../../../../native-models/api/index.ts';

/** What the import of a checked folder still needs: nothing, the latent family, or it cannot be imported at all. */
export function importNeeds(report: ModelFolderReportData): 'nothing' | 'latent-family' | 'unusable' {
  if (report.usable) return 'nothing';
  const unsolved = report.problems.filter((p) => p.solvedByImportOption !== 'latentFamily');
  return report.kind === 'tiny-decoder' && unsolved.length === 0 ? 'latent-family' : 'unusable';
}

export function LatentFamilyField({ value, onChange }: { value: LatentFamilyName | ''; onChange: (family: LatentFamilyName | '') => void }) {
  return (
    <label className="inline-select">
      Latent family{' '}
      <select className="input" value={value} onChange={(e) => onChange(e.currentTarget.value as LatentFamilyName | '')} aria-label="Latent family" required>
        <option value="">choose…</option>
        {LATENT_FAMILY_NAMES.map((f) => (
          <option key={f} value={f}>
            {f} ({LATENT_FAMILY_LABELS[f]})
          </option>
        ))}
      </select>
    </label>
  );
}

/** The message shown when Add model is pressed without a family: what is missing and why it is not guessed. */
export const LATENT_FAMILY_MISSING =
  'Choose the latent family this tiny decoder serves: sd (SD 1.x/2.x, taesd) or sdxl (SDXL, taesdxl). Its graph does not say, so Tessera does not guess.';
