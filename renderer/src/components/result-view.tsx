// The canvas area: the live latent preview while a job runs, then the generated images; states in words.
import type { EncodedImage } from '../../../native-models/api/index.ts';
import { useAppStore } from '../store/store-context.tsx';
import { GenerationProgress } from './generation-progress.tsx';

function dataUrl(image: EncodedImage): string {
  return `data:${image.mimeType};base64,${image.base64}`;
}

function Results() {
  const results = useAppStore((s) => s.results);
  if (results.length === 0) return null;
  return (
    <ul className={`result-grid count-${Math.min(results.length, 4)}`} aria-label="Generated images">
      {results.map((r) => (
        <li key={r.imageId}>
          <img className="result-image" src={dataUrl(r.image)} width={r.width} height={r.height} alt={`Generated image, seed ${r.seed}`} />
          <span className="muted small">
            {r.width}×{r.height} · seed {r.seed} · {r.scheduler} · {r.stepsRun} steps
          </span>
        </li>
      ))}
    </ul>
  );
}

function Preview() {
  const preview = useAppStore((s) => s.preview);
  const step = useAppStore((s) => s.progress?.step ?? 0);
  if (!preview) return <p className="muted">Starting…</p>;
  return <img className="preview-image" src={dataUrl(preview)} alt={`Live preview, step ${step}`} />;
}

function StatusLine() {
  const status = useAppStore((s) => s.status);
  const message = status === 'cancelled' ? 'Cancelled' : status === 'failed' ? 'Generation failed (see the message above)' : null;
  return (
    <p className="status-line" role="status">
      {message}
    </p>
  );
}

export function ResultView() {
  const status = useAppStore((s) => s.status);
  const hasResults = useAppStore((s) => s.results.length > 0);
  const running = status === 'starting' || status === 'running';
  return (
    <section className="panel canvas-panel" aria-label="Canvas">
      <GenerationProgress />
      <div className="canvas-area">
        {running ? <Preview /> : hasResults ? <Results /> : status === 'idle' && <p className="muted">Type a prompt and press Generate.</p>}
      </div>
      <StatusLine />
    </section>
  );
}
