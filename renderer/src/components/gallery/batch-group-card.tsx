// One batch run in the Gallery: kind, folders, state, done/total and failed, and its latest outputs as tiles that
// open on the canvas.
import type { BatchGroup } from '../../../../native-models/api/index.ts';
import { describeBatchGroupCounts } from '../../store/batch-group-slice.ts';
import { useAppStore } from '../../store/store-context.tsx';

const KIND_WORDS: Record<BatchGroup['kind'], string> = { cutout: 'Cut-out', generate: 'Generate', img2img: 'Image to image', upscale: 'Upscale' };

export function BatchGroupCard({ group }: { group: BatchGroup }) {
  const open = useAppStore((s) => s.openBatchGroupItem);
  return (
    <li className="batch-group" aria-label={`Batch ${group.kind}: ${group.outputDir}`}>
      <div className="batch-group-head">
        <strong>{KIND_WORDS[group.kind]}</strong>
        <span className="small batch-group-counts">{describeBatchGroupCounts(group)}</span>
        <span className="muted small">
          {group.state} · <time dateTime={group.startedAt}>{new Date(group.startedAt).toLocaleString()}</time>
        </span>
      </div>
      <p className="muted small batch-group-folder" title={group.outputDir}>
        {group.inputDir ? `${group.inputDir} → ` : ''}
        {group.outputDir}
      </p>
      {!group.folderFound ? (
        <p className="small batch-group-missing" role="note">
          Output folder not found: moved or deleted outside Tessera. The counts are those recorded when the run ended.
        </p>
      ) : (
        <ul className="batch-group-items" aria-label="Batch outputs">
          {group.items.map((item) => (
            <li key={item.output}>
              <button type="button" className="batch-group-tile" title={`Open ${item.output} in the canvas`} onClick={() => void open(group.id, item.output)}>
                {item.thumbnail ? <img src={`data:${item.thumbnail.mimeType};base64,${item.thumbnail.base64}`} alt={`Output ${item.output}`} /> : <span className="muted small">{item.output}</span>}
              </button>
            </li>
          ))}
          {group.itemsLeftOut > 0 && <li className="muted small">+{group.itemsLeftOut} more</li>}
        </ul>
      )}
    </li>
  );
}
