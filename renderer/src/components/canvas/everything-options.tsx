// "Segment everything" in the Segment tool's options: runs SAM's automatic mask generator, then, while its regions
// are on show, how many there are, how to pick them, and "Keep picked" / "Keep all" (they become objects).
import { EVERYTHING_LIMITS } from '../../../../native-models/api/index.ts';
import { useAppStore } from '../../store/store-context.tsx';

export function EverythingOptions() {
  const hasImage = useAppStore((s) => s.canvas.image !== null);
  const busy = useAppStore((s) => s.everythingBusy || s.segmentBusy);
  const regionCount = useAppStore((s) => s.canvas.regions.length);
  const pickedCount = useAppStore((s) => s.canvas.picked.length);
  const run = useAppStore((s) => s.segmentEverything);
  const keep = useAppStore((s) => s.keepRegions);
  const dismiss = useAppStore((s) => s.dismissRegions);
  const pointsPerSide = useAppStore((s) => s.everythingPointsPerSide);
  const setPointsPerSide = useAppStore((s) => s.setEverythingPointsPerSide);
  return (
    <div className="choice-group" role="group" aria-label="Segment everything">
      <label className="inline-number" title="SAM is prompted at a grid of this many points per side: fewer is faster, more finds smaller objects">
        Grid points per side
        <input className="input" type="number" min={EVERYTHING_LIMITS.pointsPerSide.min} max={EVERYTHING_LIMITS.pointsPerSide.max} value={pointsPerSide} onChange={(e) => setPointsPerSide(e.currentTarget.valueAsNumber)} />
      </label>
      <button type="button" className="button" onClick={() => void run()} disabled={!hasImage || busy} title="Find every object in the image (SAM prompted by a grid of points)">
        Segment everything
      </button>
      {regionCount > 0 && (
        <>
          <span className="tool-hint" role="status">
            {regionCount} {regionCount === 1 ? 'region' : 'regions'} · {pickedCount} picked · click picks, shift-click adds
          </span>
          <button type="button" className="button" onClick={() => keep('picked')} disabled={pickedCount === 0}>
            Keep picked
          </button>
          <button type="button" className="button" onClick={() => keep('all')}>
            Keep all
          </button>
          <button type="button" className="button" onClick={dismiss}>
            Dismiss regions
          </button>
        </>
      )}
    </div>
  );
}
