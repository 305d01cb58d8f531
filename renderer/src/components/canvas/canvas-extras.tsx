// Small bars round the stage: thumbnails of a multi-image run, previous/next in an opened folder, the
// parameters an opened PNG records ("Use these parameters"), and the run's status line.
import { dataUrl } from '../../store/canvas/encoded-bytes.ts';
import { useAppStore } from '../../store/store-context.tsx';

export function ResultStrip() {
  const results = useAppStore((s) => s.results);
  const shown = useAppStore((s) => s.canvas.image?.imageId);
  const showResult = useAppStore((s) => s.showResult);
  if (results.length < 2) return null;
  return (
    <ul className="result-strip" aria-label="Results">
      {results.map((r, i) => (
        <li key={r.imageId}>
          <button type="button" className="thumb" aria-pressed={r.imageId === shown} aria-label={`Show result ${i + 1}, seed ${r.seed}`} onClick={() => showResult(i)}>
            <img src={dataUrl(r.image)} alt="" />
          </button>
        </li>
      ))}
    </ul>
  );
}

export function FolderNav() {
  const folder = useAppStore((s) => s.canvasFolder);
  const show = useAppStore((s) => s.showFolderImage);
  if (!folder) return null;
  const file = folder.files[folder.index];
  return (
    <div className="canvas-bar" role="group" aria-label="Folder">
      <button type="button" className="button" onClick={() => void show(folder.index - 1)} disabled={folder.index === 0}>
        Previous image
      </button>
      <span className="canvas-bar-text">
        {file?.name} · {folder.index + 1} of {folder.files.length}
      </span>
      <button type="button" className="button" onClick={() => void show(folder.index + 1)} disabled={folder.index >= folder.files.length - 1}>
        Next image
      </button>
    </div>
  );
}

export function OpenedParameters() {
  const parameters = useAppStore((s) => s.canvasParameters);
  const restore = useAppStore((s) => s.restoreParameters);
  if (!parameters) return null;
  const summary = [parameters.prompt && `“${parameters.prompt}”`, parameters.seed !== undefined && `seed ${parameters.seed}`, parameters.steps && `${parameters.steps} steps`].filter(Boolean).join(' · ');
  return (
    <div className="canvas-bar" role="group" aria-label="Recorded parameters">
      <span className="canvas-bar-text">This image records its parameters: {summary || 'partial'}</span>
      <button type="button" className="button" onClick={() => restore(parameters)}>
        Use these parameters
      </button>
    </div>
  );
}

export function StatusLine() {
  const status = useAppStore((s) => s.status);
  const bannerShown = useAppStore((s) => s.error !== null);
  // "See the message above" only while that message is there: dismissing the banner leaves a plain statement.
  const message = status === 'cancelled' ? 'Cancelled' : status === 'failed' ? `Generation failed${bannerShown ? ' (see the message above)' : ''}` : null;
  return (
    <p className="status-line" role="status">
      {message}
    </p>
  );
}
