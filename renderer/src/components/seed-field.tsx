// Seed: random for each run or fixed to a number, and "re-use last" to pin the seed of the previous run.
import type { SeedMode } from '../store/generate-params.ts';
import { useAppStore } from '../store/store-context.tsx';
import { NumberField } from './number-field.tsx';

export function SeedField() {
  const mode = useAppStore((s) => s.seedMode);
  const lastSeed = useAppStore((s) => s.lastSeed);
  const setField = useAppStore((s) => s.setGenerateField);
  const reuseLastSeed = useAppStore((s) => s.reuseLastSeed);
  return (
    <div className="field-row">
      <div className="field">
        <label htmlFor="gen-seed-mode">Seed mode</label>
        <select id="gen-seed-mode" className="input" value={mode} onChange={(e) => setField('seedMode', e.currentTarget.value as SeedMode)}>
          <option value="random">Random</option>
          <option value="fixed">Fixed</option>
        </select>
      </div>
      <NumberField field="seed" label="Seed" min={0} disabled={mode === 'random'} />
      <button type="button" className="button align-end" onClick={reuseLastSeed} disabled={lastSeed === null} title={lastSeed === null ? 'No run yet' : `Use seed ${lastSeed}`}>
        Re-use last seed
      </button>
    </div>
  );
}
