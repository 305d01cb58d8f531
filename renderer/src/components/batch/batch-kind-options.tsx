// The options of each job type: cut-out (which object, crop, feather, mask file), generate (prompt list or
// prompts file, images per prompt, size), img2img (prompt, strength) and upscale (tile, overlap); both diffusion
// kinds share the generation settings, blank meaning the model's own, and the refiner (SDXL base models).
import { CUTOUT_PROMPT_LABELS, UPSCALE_PLACEHOLDERS, runsEverything, type PromptSource } from '../../store/batch-form.ts';
import { isBatchActive } from '../../store/app-state.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { BatchEverythingFields } from './batch-everything-fields.tsx';
import { BatchRefinerField } from './batch-refiner-field.tsx';
import { BatchCheckbox, BatchNumberField, BatchSelect, BatchTextField, FieldNote, useFieldNote } from './batch-fields.tsx';

const PROMPT_SOURCE_LABELS: Record<PromptSource, string> = { list: 'A list typed here', file: 'A prompts file' };

function CutoutOptions() {
  const prompt = useAppStore((s) => s.batchForm.cutoutPrompt);
  const subject = prompt === 'subject';
  return (
    <>
      <BatchSelect field="cutoutPrompt" label="Object to cut out" choices={CUTOUT_PROMPT_LABELS} />
      {runsEverything(prompt) && <BatchEverythingFields />}
      {/* `everything` keeps every mask SAM finds in the image's regions file, for COCO / YOLO: no cut-out to shape. */}
      {prompt === 'everything' ? (
        <p className="muted small">
          Each image gets <code>name.regions.json</code>: every mask found, with its box, score and outline. No cut-out or mask PNG is written.
        </p>
      ) : (
        <div className="field-row">
          {/* No clicks, so no one looked: results below this confidence wait in the review grid when the run ends. */}
          {subject ? <BatchNumberField field="reviewBelow" label="Review below (confidence)" min={0} max={1} step={0.05} /> : null}
          <BatchNumberField field="featherPx" label="Feather (px)" min={0} max={256} />
          <div className="batch-checks">
            <BatchCheckbox field="crop" label="Crop to the object" />
            <BatchCheckbox field="writeMask" label="Save the mask too" />
          </div>
        </div>
      )}
    </>
  );
}

function PromptList() {
  const value = useAppStore((s) => s.batchForm.promptList);
  const setField = useAppStore((s) => s.setBatchField);
  const { id, problem, describedBy } = useFieldNote('promptList');
  return (
    <div className="field">
      <label htmlFor={id}>Prompts, one per line</label>
      <textarea id={id} className="input" rows={3} value={value} spellCheck={false} aria-invalid={problem ? true : undefined} aria-describedby={describedBy} onChange={(e) => setField('promptList', e.currentTarget.value)} />
      <FieldNote id={id} problem={problem} />
    </div>
  );
}

function GenerateOptions() {
  const source = useAppStore((s) => s.batchForm.promptSource);
  return (
    <>
      <BatchSelect field="promptSource" label="Prompts from" choices={PROMPT_SOURCE_LABELS} />
      {source === 'list' ? <PromptList /> : <BatchTextField field="promptsFile" label="Prompts file" path placeholder="/absolute/path/prompts.txt" hint="One prompt per line; a JSON line may carry its own seed, steps…" />}
      <div className="field-row">
        <BatchNumberField field="count" label="Images per prompt" min={1} max={1000} />
        <BatchNumberField field="width" label="Width" min={64} max={4096} step={8} />
        <BatchNumberField field="height" label="Height" min={64} max={4096} step={8} />
      </div>
    </>
  );
}

function Img2ImgOptions() {
  return (
    <div className="field-row">
      <div className="field field-grow">
        <BatchTextField field="prompt" label="Prompt" />
      </div>
      <BatchNumberField field="strength" label="Strength" min={0.05} max={1} step={0.05} />
    </div>
  );
}

function UpscaleOptions() {
  // Blank keeps the engine's tile (a 512² tile of a ×4 RRDBNet needs about 1.5 GB); the model says ×2 or ×4.
  return (
    <div className="field-row">
      <BatchTextField field="tile" label="Tile (px)" placeholder={UPSCALE_PLACEHOLDERS.tile} />
      <BatchTextField field="overlap" label="Overlap (px)" placeholder={UPSCALE_PLACEHOLDERS.overlap} />
    </div>
  );
}

function GenerationSettings() {
  return (
    <>
      <BatchTextField field="negativePrompt" label="Negative prompt" />
      <div className="field-row">
        <BatchTextField field="steps" label="Steps" placeholder="model's" />
        <BatchTextField field="guidance" label="Guidance" placeholder="model's" />
        <BatchTextField field="seed" label="Seed" placeholder="per image" />
      </div>
      <BatchRefinerField />
    </>
  );
}

export function BatchKindOptions() {
  const kind = useAppStore((s) => s.batchForm.kind);
  const active = useAppStore((s) => isBatchActive(s.batchStatus));
  return (
    <fieldset className="batch-group" disabled={active}>
      <legend>Options</legend>
      {kind === 'cutout' && <CutoutOptions />}
      {kind === 'generate' && <GenerateOptions />}
      {kind === 'img2img' && <Img2ImgOptions />}
      {kind === 'upscale' && <UpscaleOptions />}
      {(kind === 'generate' || kind === 'img2img') && <GenerationSettings />}
      {kind !== 'generate' && <BatchCheckbox field="recursive" label="Include sub-folders" />}
    </fieldset>
  );
}
