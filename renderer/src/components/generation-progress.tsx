// The running job's progress: a progress bar with "step N of M", the image of the batch and elapsed seconds.
import { useAppStore } from '../store/store-context.tsx';

export function GenerationProgress() {
  const status = useAppStore((s) => s.status);
  const progress = useAppStore((s) => s.progress);
  // The row keeps its height when idle so the canvas does not jump when a run starts.
  if (status !== 'starting' && status !== 'running') return <div className="progress" />;
  const step = progress?.step ?? 0;
  const total = progress?.totalSteps ?? 0;
  const text = progress ? `Step ${step} of ${total}` : 'Waiting for the engine…';
  const batch = progress && progress.batchCount > 1 ? ` · image ${progress.batchIndex + 1} of ${progress.batchCount}` : '';
  const elapsed = progress ? ` · ${(progress.elapsedMs / 1000).toFixed(1)} s` : '';
  return (
    <div className="progress">
      <div
        className="progress-track"
        role="progressbar"
        aria-label="Generation progress"
        aria-valuemin={0}
        aria-valuemax={total || 1}
        aria-valuenow={step}
        aria-valuetext={progress ? `step ${step} of ${total}` : 'starting'}
      >
        <div className="progress-fill" style={{ width: `${total ? (100 * step) / total : 0}%` }} />
      </div>
      <span className="progress-text">
        {text}
        {batch}
        {elapsed}
      </span>
    </div>
  );
}
