// Segment-tool options bar: the SAM model (when there are several), segment everything, the three candidates with
// their predicted scores, Clear, "Add as object", and "Use as inpainting mask" with its grow/shrink distance.
import { useMemo } from 'react';
import { GROW_LIMIT_PX } from '../../store/canvas/canvas-slice.ts';
import { segmentModelOf, subjectModelOf } from '../../store/canvas/segment-prompts.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { EverythingOptions } from './everything-options.tsx';

function SegmentModelPicker() {
  const models = useAppStore((s) => s.models);
  const picked = useAppStore((s) => s.segmentModelId);
  const setModel = useAppStore((s) => s.setSegmentModel);
  const choices = useMemo(() => models.filter((m) => m.report.kind === 'sam' && m.report.usable), [models]);
  if (choices.length < 2) return null;
  const current = segmentModelOf({ models, segmentModelId: picked });
  // Radios, not a select: the Edit panel is narrow, and a label wraps where a select would cut the name short.
  return (
    <fieldset className="choice-group" role="radiogroup" aria-label="Segmentation model">
      <legend className="small muted">Segmentation model</legend>
      {choices.map((m) => (
        <label key={m.id} className="check">
          <input type="radio" name="segment-model" checked={m.id === current} onChange={() => setModel(m.id)} />
          {m.demo ? `${m.id.slice(m.id.indexOf('/') + 1)} (demo)` : m.name}
        </label>
      ))}
    </fieldset>
  );
}

function CandidateChooser() {
  const candidates = useAppStore((s) => s.canvas.candidates);
  const chosen = useAppStore((s) => s.canvas.chosen);
  const choose = useAppStore((s) => s.chooseCandidate);
  if (candidates.length < 2) return null;
  return (
    <div className="segmented candidates" role="radiogroup" aria-label="Mask candidates">
      {candidates.map((c, i) => (
        <label key={i} className={`segmented-item${i === chosen ? ' checked' : ''}`}>
          <input type="radio" name="mask-candidate" className="sr-only" checked={i === chosen} onChange={() => choose(i)} aria-label={`${c.kind}, score ${c.score.toFixed(2)}`} />
          {c.kind} <span className="score">{c.score.toFixed(2)}</span>
        </label>
      ))}
    </div>
  );
}

/** "Select subject": the background-removal model's subject as the selection; clicks then refine it with SAM. */
function SelectSubjectButton() {
  const hasImage = useAppStore((s) => s.canvas.image !== null);
  const hasModel = useAppStore((s) => subjectModelOf(s.models) !== null);
  const busy = useAppStore((s) => s.segmentBusy);
  const subject = useAppStore((s) => (s.canvas.subjectMask ? s.canvas.candidates[s.canvas.chosen] : undefined));
  const selectSubject = useAppStore((s) => s.selectSubject);
  return (
    <>
      <button type="button" className="button" onClick={() => void selectSubject()} disabled={!hasImage || !hasModel || busy} title={hasModel ? 'Select the main subject with the background-removal model; then click to add or remove' : 'No background-removal model installed'}>
        Select subject
      </button>
      {subject?.kind === 'Subject' && <span className="tool-hint">subject confidence {subject.score.toFixed(2)}</span>}
    </>
  );
}

/** A batch review entry is open: the selection goes back as its cut-out and mask. */
function SaveToBatchButton() {
  // Only while the opened entry's image is on the canvas: another image's selection is not that entry's.
  const open = useAppStore((s) => (s.batchReviewOpen && s.canvas.image?.imageId === s.batchReviewOpen.imageId ? s.batchReviewOpen : null));
  const hasCandidate = useAppStore((s) => s.canvas.candidates.length > 0);
  const busy = useAppStore((s) => s.segmentBusy || s.batchReviewSaving);
  const save = useAppStore((s) => s.saveBatchReview);
  if (!open) return null;
  return (
    <button type="button" className="button primary" onClick={() => void save()} disabled={!hasCandidate || busy} title={`Write the selection to ${open.outputDir} as ${open.input}'s cut-out and mask`}>
      Save to batch
    </button>
  );
}

export function SegmentOptions() {
  const busy = useAppStore((s) => s.segmentBusy);
  const hasSelection = useAppStore((s) => s.canvas.points.length > 0 || s.canvas.box !== null);
  const hasCandidate = useAppStore((s) => s.canvas.candidates.length > 0);
  const clear = useAppStore((s) => s.clearSegment);
  const growPx = useAppStore((s) => s.maskGrowPx);
  const setGrow = useAppStore((s) => s.setMaskGrowPx);
  const segmentToMask = useAppStore((s) => s.useSegmentAsMask);
  const addObject = useAppStore((s) => s.addSelectionAsObject);
  return (
    <>
      <SegmentModelPicker />
      <SelectSubjectButton />
      <EverythingOptions />
      <SaveToBatchButton />
      {hasCandidate || busy ? <CandidateChooser /> : <span className="tool-hint">Click: add · right/Alt-click: remove · drag: box</span>}
      {busy && <span className="busy-dot" aria-hidden="true" />}
      <button type="button" className="button" onClick={clear} disabled={!hasSelection && !hasCandidate}>
        Clear selection
      </button>
      <button type="button" className="button" onClick={addObject} disabled={!hasCandidate} title="Keep the selection as a named object (the Objects list), then select the next one">
        Add as object
      </button>
      <span className="tool-divider" />
      <label className="inline-number" title="Grow (positive) or shrink (negative) the selection by this many pixels">
        Grow / shrink (px)
        <input className="input" type="number" min={-GROW_LIMIT_PX} max={GROW_LIMIT_PX} value={growPx} onChange={(e) => setGrow(e.currentTarget.valueAsNumber)} />
      </label>
      <button type="button" className="button" onClick={() => void segmentToMask()} disabled={!hasCandidate}>
        Use as inpainting mask
      </button>
    </>
  );
}
