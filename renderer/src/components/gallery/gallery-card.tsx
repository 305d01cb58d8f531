// One result in the gallery: thumbnail, prompt, parameters and time, with its four actions.
import type { HistoryItem } from '../../../../native-models/api/index.ts';
import { describeHistoryItem } from '../../store/gallery-slice.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { saveToDownloads } from './save-to-downloads.ts';

export function GalleryCard({ item }: { item: HistoryItem }) {
  const reuse = useAppStore((s) => s.reuseHistoryParameters);
  const open = useAppStore((s) => s.openHistoryInCanvas);
  const reveal = useAppStore((s) => s.revealHistoryItem);
  const fileForDownload = useAppStore((s) => s.historyFileForDownload);
  const fileAction = useAppStore((s) => s.health?.fileAction ?? 'download');
  const download = async () => {
    const file = await fileForDownload(item.id);
    if (file) saveToDownloads(file);
  };
  const remove = useAppStore((s) => s.deleteHistoryItem);
  const prompt = item.parameters.prompt || '(empty prompt)';
  return (
    <li className="gallery-card" aria-label={`Result: ${prompt}, seed ${item.parameters.seed}`}>
      <div className="gallery-thumb">
        {item.thumbnail ? (
          <img src={`data:${item.thumbnail.mimeType};base64,${item.thumbnail.base64}`} alt={`Thumbnail: ${prompt}`} />
        ) : (
          <span className="muted small">No thumbnail</span>
        )}
      </div>
      <p className="gallery-prompt" title={prompt}>
        {prompt}
      </p>
      <p className="muted small gallery-params">{describeHistoryItem(item)}</p>
      <p className="muted small gallery-meta">
        {item.parameters.model} · <time dateTime={item.createdAt}>{new Date(item.createdAt).toLocaleString()}</time>
        {item.inputs.mask ? ' · inpaint' : item.inputs.initImage ? ' · image to image' : ''}
      </p>
      <div className="gallery-actions">
        <button type="button" className="button small" onClick={() => reuse(item.id)}>
          Re-use parameters
        </button>
        <button type="button" className="button small" onClick={() => void open(item.id)}>
          Open in canvas
        </button>
        {fileAction === 'reveal' ? (
          <button type="button" className="button small" onClick={() => void reveal(item.id)}>
            Reveal file
          </button>
        ) : (
          <button type="button" className="button small" onClick={() => void download()}>
            Download
          </button>
        )}
        <button type="button" className="button small danger" onClick={() => void remove(item.id)}>
          Delete to trash
        </button>
      </div>
    </li>
  );
}
