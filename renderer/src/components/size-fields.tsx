// Width and height (snapped to multiples of 8 when a field is left) with common presets.
import { SIZE_PRESETS } from '../store/generate-params.ts';
import { useAppStore } from '../store/store-context.tsx';
import { NumberField } from './number-field.tsx';

export function SizeFields() {
  const width = useAppStore((s) => s.width);
  const height = useAppStore((s) => s.height);
  const setSize = useAppStore((s) => s.setSize);
  const snapSize = useAppStore((s) => s.snapSize);
  const preset = SIZE_PRESETS.findIndex((p) => p.width === width && p.height === height);
  return (
    <div className="field-row">
      <div className="field field-grow">
        <label htmlFor="gen-size-preset">Size preset</label>
        <select
          id="gen-size-preset"
          className="input"
          value={preset}
          onChange={(e) => {
            const chosen = SIZE_PRESETS[Number(e.currentTarget.value)];
            if (chosen) setSize(chosen.width, chosen.height);
          }}
        >
          <option value={-1} disabled>
            Custom
          </option>
          {SIZE_PRESETS.map((p, i) => (
            <option key={p.label} value={i}>
              {p.label}
            </option>
          ))}
        </select>
      </div>
      <NumberField field="width" label="Width" min={64} max={4096} step={8} onBlur={snapSize} />
      <NumberField field="height" label="Height" min={64} max={4096} step={8} onBlur={snapSize} />
    </div>
  );
}
