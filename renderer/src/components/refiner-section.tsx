// The Generate form's refiner picker (refiner-picker.tsx), bound to the generate form; shown for SDXL base models.
import { takesRefiner } from '../store/refiner-form.ts';
import { validateGenerateForm } from '../store/generate-params.ts';
import { useAppStore } from '../store/store-context.tsx';
import { RefinerPicker } from './refiner-picker.tsx';

export function RefinerSection() {
  const sdxlBase = useAppStore((s) => takesRefiner(s.models.find((m) => m.id === s.selectedModelId)));
  const refinerId = useAppStore((s) => s.refinerModelId);
  const steps = useAppStore((s) => s.steps);
  const switchAt = useAppStore((s) => s.refinerSwitchAt);
  const problem = useAppStore((s) => validateGenerateForm(s).refinerSwitchAt);
  const setField = useAppStore((s) => s.setGenerateField);
  if (!sdxlBase) return null;
  return (
    <RefinerPicker
      idPrefix="gen"
      refinerModelId={refinerId}
      switchAt={switchAt}
      switchProblem={problem}
      switchHint={`base ≈ ${Math.round(steps * switchAt)} of ${steps} steps`}
      onRefinerModelId={(id) => setField('refinerModelId', id)}
      onSwitchAt={(v) => setField('refinerSwitchAt', v)}
    />
  );
}
