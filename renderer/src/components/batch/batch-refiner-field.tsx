// The Batch panel's refiner picker (the Generate form's, refiner-picker.tsx), bound to the batch form: shown for
// generate and img2img batches whose model is an SDXL base; every image of the batch gets the second stage.
import { batchModelId } from '../../store/batch-form.ts';
import { takesRefiner } from '../../store/refiner-form.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { RefinerPicker } from '../refiner-picker.tsx';
import { useFieldNote } from './batch-fields.tsx';

export function BatchRefinerField() {
  const sdxlBase = useAppStore((s) => {
    const modelId = batchModelId(s.batchForm, s.models);
    return takesRefiner(s.models.find((m) => m.id === modelId));
  });
  const refinerId = useAppStore((s) => s.batchForm.refinerModelId);
  const switchAt = useAppStore((s) => s.batchForm.refinerSwitchAt);
  const setField = useAppStore((s) => s.setBatchField);
  const { problem } = useFieldNote('refinerSwitchAt');
  if (!sdxlBase) return null;
  return <RefinerPicker idPrefix="batch" refinerModelId={refinerId} switchAt={switchAt} switchProblem={problem} onRefinerModelId={(id) => setField('refinerModelId', id)} onSwitchAt={(v) => setField('refinerSwitchAt', v)} />;
}
