// The diffusion model used for generation and the canvas runs: every usable diffusion model, those that cannot
// start from text marked (an inpainting-only model still inpaints on the canvas).
import { useMemo } from 'react';
import { useAppStore } from '../store/store-context.tsx';
import { modelLabel } from './model-capability.ts';

export function ModelPicker() {
  const models = useAppStore((s) => s.models);
  const selected = useAppStore((s) => s.selectedModelId);
  const selectModel = useAppStore((s) => s.selectModel);
  const choices = useMemo(() => models.filter((m) => m.report.kind === 'diffusion' && m.report.usable), [models]);
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
          // The text stays the model's name (the column is narrow); what it cannot do is the option's title and
          // the reason shown under Generate when it is picked.
          <option key={m.id} value={m.id} title={m.capabilities.find((c) => c.task === 'txt2img' && !c.available)?.reason}>
            {modelLabel(m)}
          </option>
        ))}
      </select>
    </div>
  );
}
