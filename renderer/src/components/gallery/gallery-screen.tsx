// The Gallery screen: the batch runs as groups, then every result kept in the data folder, newest first, as a
// grid of cards.
import { useEffect } from 'react';
import { useAppStore } from '../../store/store-context.tsx';
import { BatchGroupCard } from './batch-group-card.tsx';
import { GalleryCard } from './gallery-card.tsx';

export function GalleryScreen() {
  const items = useAppStore((s) => s.galleryItems);
  const total = useAppStore((s) => s.galleryTotal);
  const status = useAppStore((s) => s.galleryStatus);
  const notice = useAppStore((s) => s.galleryNotice);
  const load = useAppStore((s) => s.loadHistory);
  const groups = useAppStore((s) => s.batchGroups);
  const loadGroups = useAppStore((s) => s.loadBatchGroups);
  useEffect(() => {
    void load();
    void loadGroups();
  }, [load, loadGroups]);
  return (
    <main className="gallery-screen" aria-label="Gallery">
      <section className="panel gallery-panel" aria-labelledby="gallery-heading">
        <div className="panel-head">
          <h2 id="gallery-heading">Gallery</h2>
          <span className="muted small">{status === 'loading' && items.length === 0 ? 'Loading…' : `${total} ${total === 1 ? 'result' : 'results'}`}</span>
        </div>
        <p className="gallery-notice small" role="status">
          {notice}
        </p>
        {status !== 'loading' && total === 0 ? (
          <p className="muted">No results yet: everything you generate is kept here, with its parameters.</p>
        ) : (
          <ul className="gallery-grid" aria-label="Results">
            {items.map((item) => (
              <GalleryCard key={item.id} item={item} />
            ))}
          </ul>
        )}
        {items.length < total && (
          <button type="button" className="button" onClick={() => void load(true)}>
            Show more
          </button>
        )}
      </section>
      {groups.length > 0 && (
        <section className="panel gallery-panel" aria-labelledby="batch-groups-heading">
          <div className="panel-head">
            <h2 id="batch-groups-heading">Batch runs</h2>
            <span className="muted small">{`${groups.length} ${groups.length === 1 ? 'run' : 'runs'}`}</span>
          </div>
          <ul className="batch-groups" aria-label="Batch runs">
            {groups.map((group) => (
              <BatchGroupCard key={group.id} group={group} />
            ))}
          </ul>
        </section>
      )}
    </main>
  );
}
