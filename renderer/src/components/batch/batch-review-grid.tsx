// The review grid: a subject batch's cut-outs whose confidence fell below --review-below, as thumbnails; a click
// opens one in the Studio with the batch's mask as the selection, to fix with clicks and "Save to batch".
import { useAppStore } from '../../store/store-context.tsx';

export function BatchReviewGrid() {
  const review = useAppStore((s) => s.batchReview);
  const open = useAppStore((s) => s.openBatchReviewItem);
  if (!review || review.items.length === 0) return null;
  return (
    <section className="batch-review" aria-labelledby="batch-review-heading">
      <h3 id="batch-review-heading">To review ({review.items.length})</h3>
      <p className="muted small">Below the confidence threshold: open one to fix its selection in the Studio, then Save to batch.</p>
      <ul className="batch-review-grid">
        {review.items.map((item) => (
          <li key={item.input}>
            <button type="button" className="batch-review-tile" onClick={() => void open(item.input)} title={`Open ${item.input} in the Studio`}>
              {item.thumbnail ? <img src={`data:${item.thumbnail.mimeType};base64,${item.thumbnail.base64}`} alt="" /> : <span className="batch-review-blank" />}
              <span className="batch-review-name">{item.input}</span>
              <span className="muted small">confidence {item.confidence.toFixed(2)}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
