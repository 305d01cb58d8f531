// The Batch panel's segment-everything options (cut-out modes everything and everything-largest), the names and
// defaults of `tessera batch cutout --points-per-side …` and the Segment tool's; blank keeps the engine's default.
import { EVERYTHING_FIELDS, EVERYTHING_LABELS, EVERYTHING_OPTIONS, EVERYTHING_PLACEHOLDERS } from '../../store/batch-everything-form.ts';
import { BatchTextField } from './batch-fields.tsx';

export function BatchEverythingFields() {
  return (
    <div className="field-row everything-fields" role="group" aria-label="Segment everything options">
      {EVERYTHING_OPTIONS.map((option) => (
        <div key={option} className="everything-field" title={EVERYTHING_LABELS[option].hint}>
          <BatchTextField field={EVERYTHING_FIELDS[option]} label={EVERYTHING_LABELS[option].label} placeholder={EVERYTHING_PLACEHOLDERS[option]} />
        </div>
      ))}
    </div>
  );
}
