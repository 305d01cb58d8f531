// The diffusion model used for generation: a compact picker over the usable text-to-image models.
import { useMemo } from 'react';
import { useAppStore } from '../store/store-context.tsx';

export function ModelPicker() {
  const models = useAppStore((s) => s.models);
  const selected = useAppStore((s) => s.selectedModelId);
  const selectModel = useAppStore((s) => s.selectModel);
  const choices = useMemo(() => models.filter((m) => m.report.kind === 'diffusion' && m.report.usable && m.report.diffusion?.supports.textToImage), [models]);
  const selectedIsChoice = choices.some((m) => m.id === selected);
  return (
    <div className="field field-wide">
      <label htmlFor="gen-model">Model</label>
      <select id="gen-model" className="input" value={selectedIsChoice ? selected! : ''} onChange={(e) => void selectModel(e.currentTarget.value)}>
        {!selectedIsChoice && (
          <option value="" disabled>
            Pick a diffusion model
          </option>
        )}
        {choices.map((m) => (
          <option key={m.id} value={m.id}>
            {m.demo ? `${m.id.slice(m.id.indexOf('/') + 1)} (demo)` : m.name}
          </option>
        ))}
      </select>
    </div>
  );
}
