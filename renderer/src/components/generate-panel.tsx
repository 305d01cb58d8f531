// The Generate form: model, prompts, scheduler, steps, guidance, seed, size, count, refiner (SDXL) and hires fix; Generate / Cancel;
// the collapsed X/Y plot section under it.
import { useEffect, type FormEvent } from 'react';
import { SCHEDULER_OPTIONS, stepsHint, type GenerateForm } from '../store/generate-params.ts';
import { isGenerating } from '../store/app-state.ts';
import { useAppStore } from '../store/store-context.tsx';
import { DemoWordsHint } from './demo-words-hint.tsx';
import { cannotDoReason } from './model-capability.ts';
import { ModelPicker } from './model-picker.tsx';
import { NumberField } from './number-field.tsx';
import { PromptField } from './prompt-field.tsx';
import { SeedField } from './seed-field.tsx';
import { SizeFields } from './size-fields.tsx';
import { HiresSection } from './hires-section.tsx';
import { RefinerSection } from './refiner-section.tsx';
import { XyPlotSection } from './xy-plot-section.tsx';

function SchedulerField() {
  const scheduler = useAppStore((s) => s.scheduler);
  const setField = useAppStore((s) => s.setGenerateField);
  return (
    <div className="field field-grow">
      <label htmlFor="gen-scheduler">Scheduler</label>
      <select id="gen-scheduler" className="input" value={scheduler} onChange={(e) => setField('scheduler', e.currentTarget.value as GenerateForm['scheduler'])}>
        <option value="">Model default</option>
        {SCHEDULER_OPTIONS.map((o) => (
          // The text is the name `tessera generate --scheduler` takes (it fits the narrow column); the A1111 name is its title.
          <option key={o.name} value={o.name} title={o.label}>
            {o.name}
          </option>
        ))}
      </select>
    </div>
  );
}

function StepsField() {
  const hint = useAppStore((s) => stepsHint(s.models.find((m) => m.id === s.selectedModelId), s.steps));
  return <NumberField field="steps" label="Steps" min={1} max={1000} hint={hint} />;
}

function Actions() {
  const status = useAppStore((s) => s.status);
  const cancel = useAppStore((s) => s.cancelGeneration);
  const running = isGenerating(status);
  const cannot = useAppStore((s) => cannotDoReason(s.models, s.selectedModelId, 'txt2img'));
  return (
    <div className="actions">
      <button type="submit" className="button primary" disabled={running || cannot !== null} aria-describedby={cannot ? 'gen-cannot' : undefined}>
        Generate
      </button>
      {cannot && (
        <p id="gen-cannot" className="field-hint">
          {cannot}
        </p>
      )}
      {running && (
        <button type="button" className="button" onClick={() => void cancel()}>
          Cancel
        </button>
      )}
      <span className="sr-only" aria-live="polite">
        {running ? 'Generating' : ''}
      </span>
    </div>
  );
}

export function GeneratePanel() {
  const start = useAppStore((s) => s.startGeneration);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void start();
  };
  return (
    <section className="panel generate-panel" aria-labelledby="generate-heading">
      <h2 id="generate-heading">Generate</h2>
      <form className="generate-form" onSubmit={onSubmit} noValidate>
        <ModelPicker />
        <PromptField field="prompt" label="Prompt" rows={3} />
        <DemoWordsHint />
        <PromptField field="negativePrompt" label="Negative prompt" rows={2} />
        <div className="field-row">
          <SchedulerField />
          <StepsField />
          <NumberField field="guidance" label="Guidance" min={0} max={100} step={0.5} />
        </div>
        <SeedField />
        <SizeFields />
        <div className="field-row half">
          <NumberField field="count" label="Count" min={1} max={64} />
        </div>
        <RefinerSection />
        <FastDecodeField />
        <HiresSection />
        <Actions />
        <XyPlotSection />
      </form>
    </section>
  );
}

/**
 * Fast decode: the final image through a tiny decoder (the model's own preview_decoder/, or an installed one of its
 * latent family). Enabled exactly when the engine's `fast-decode` capability says it works for the picked model; a
 * model that cannot clears the choice, so no request asks for a fast decode the engine would refuse.
 */
function FastDecodeField() {
  const fastDecode = useAppStore((s) => s.fastDecode);
  const setField = useAppStore((s) => s.setGenerateField);
  const cannot = useAppStore((s) => cannotDoReason(s.models, s.selectedModelId, 'fast-decode'));
  useEffect(() => {
    if (cannot && fastDecode) setField('fastDecode', false);
  }, [cannot, fastDecode, setField]);
  return (
    <label className="check" title={cannot ?? 'Decode the final image with a TAESD-class tiny decoder (the model\'s own, or an installed one of its latent family) instead of the full VAE: much faster, slightly less detail'}>
      <input type="checkbox" checked={fastDecode && !cannot} disabled={cannot !== null} onChange={(e) => setField('fastDecode', e.currentTarget.checked)} />
      Fast decode (tiny decoder)
    </label>
  );
}
