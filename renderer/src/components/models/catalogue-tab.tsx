// The Catalogue tab: every downloadable model with what it does, its size, licence and homepage; Install asks
// for the licence once per licence, then shows the download with pause, resume and cancel. Downloads queue
// one after another; a paused one (or one cut off by a restart) resumes from its partial files.
import { useEffect, useState } from 'react';
import { activeInstallJob } from '../../store/model-library-slice.ts';
import type { CatalogueItem } from '../../store/model-library-state.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { formatBytes } from './byte-units.ts';
import { DownloadBar } from './download-bar.tsx';

function LicencePrompt({ item, onAccept, onBack }: { item: CatalogueItem; onAccept: () => void; onBack: () => void }) {
  return (
    <div className="licence-prompt" role="group" aria-label={`Licence of ${item.displayName}`}>
      <p>
        {item.displayName} is published under <strong>{item.licence}</strong>
        {item.nonCommercial ? ' (non-commercial use only)' : ''}. Read{' '}
        <a href={item.licenceUrl} target="_blank" rel="noreferrer">
          the licence
        </a>{' '}
        before downloading; accepting it is remembered for every model under it.
      </p>
      <div className="row-actions">
        <button type="button" className="button accent small" onClick={onAccept}>
          Accept licence and download
        </button>
        <button type="button" className="button small" onClick={onBack}>
          Back
        </button>
      </div>
    </div>
  );
}

const HASH_WORDS: Record<CatalogueItem['hashStatus'], string> = {
  pinned: 'hash published, checked after download',
  'partly-pinned': 'hash published for some files only',
  'not-published': 'hash not published (measured and recorded on first download)',
};

/** What the download will really be checked against: stated, never implied. The full note is one click away. */
function IntegrityFacts({ item }: { item: CatalogueItem }) {
  return (
    <details className="muted catalogue-facts integrity-facts" aria-label={`Integrity of ${item.displayName}`}>
      <summary>
        {item.sizeVerified ? 'size verified' : 'size unverified'} · {HASH_WORDS[item.hashStatus]}
      </summary>
      {item.integrityNote}
    </details>
  );
}

function CatalogueRow({ item }: { item: CatalogueItem }) {
  const job = useAppStore((s) => activeInstallJob(s, item.id));
  const progress = useAppStore((s) => s.downloadProgress[item.id]);
  const error = useAppStore((s) => s.downloadErrors[item.id]);
  const accepted = item.licenceAccepted;
  const installFromCatalogue = useAppStore((s) => s.installFromCatalogue);
  const pauseInstall = useAppStore((s) => s.pauseInstall);
  const cancelInstall = useAppStore((s) => s.cancelInstall);
  const [asking, setAsking] = useState(false);
  const paused = !job && item.partialBytes > 0 && !item.installed;
  const install = () => {
    if (!accepted) return setAsking(true);
    void installFromCatalogue(item.id);
  };
  return (
    <li className="catalogue-row" aria-label={item.displayName}>
      <div className="catalogue-head">
        <span className="model-name">{item.displayName}</span>
        <span className={`chip kind-${item.kind}`}>{item.task}</span>
        {item.nonCommercial && <span className="chip unusable">non-commercial</span>}
        {item.installed && <span className="chip usable">installed</span>}
        <span className="model-size" title={item.sizeVerified ? 'exact size published by the host, checked after download' : 'estimate: the host publishes no exact byte count'}>
          {item.approxBytes === null ? 'size unknown' : `${item.sizeVerified ? '' : '≈ '}${formatBytes(item.approxBytes)}`}
        </span>
      </div>
      {item.description && <p className="muted catalogue-description">{item.description}</p>}
      <IntegrityFacts item={item} />
      <p className="muted catalogue-facts">
        Licence: {item.licence}
        {item.licenceAccepted ? ' (accepted)' : ''} ·{' '}
        <a href={item.homepage} target="_blank" rel="noreferrer">
          homepage
        </a>
      </p>
      {(job || paused) && <DownloadBar name={item.displayName} progress={progress} partialBytes={item.partialBytes} totalBytes={item.approxBytes} state={job ? (job.state === 'running' ? 'running' : 'queued') : 'paused'} />}
      {error && (
        <p className="problems" role="alert">
          {error.code}: {error.message}
        </p>
      )}
      {asking && !accepted ? (
        <LicencePrompt
          item={item}
          onBack={() => setAsking(false)}
          onAccept={() => {
            setAsking(false);
            void installFromCatalogue(item.id, true);
          }}
        />
      ) : (
        <div className="row-actions">
          {!item.installed && !job && !paused && (
            <button type="button" className="button small" onClick={install} aria-label={`Install ${item.displayName}`}>
              Install
            </button>
          )}
          {job && (
            <button type="button" className="button small" onClick={() => void pauseInstall(item.id)} aria-label={`Pause ${item.displayName}`}>
              Pause
            </button>
          )}
          {paused && (
            // The licence was accepted when this download first started.
            <button type="button" className="button small accent" onClick={() => void installFromCatalogue(item.id)} aria-label={`Resume ${item.displayName}`}>
              Resume
            </button>
          )}
          {(job || paused) && (
            <button type="button" className="button small danger" onClick={() => void cancelInstall(item.id)} aria-label={`Cancel ${item.displayName}`}>
              Cancel
            </button>
          )}
        </div>
      )}
    </li>
  );
}

export function CatalogueTab() {
  const items = useAppStore((s) => s.catalogue);
  const status = useAppStore((s) => s.catalogueStatus);
  const load = useAppStore((s) => s.loadCatalogue);
  const loadJobs = useAppStore((s) => s.loadJobs);
  useEffect(() => {
    void load();
    void loadJobs();
  }, [load, loadJobs]);
  return (
    <div className="catalogue-tab">
      {status === 'loading' && items.length === 0 && <p className="muted">Loading the catalogue…</p>}
      <ul className="model-list catalogue-list" aria-label="Catalogue">
        {items.map((item) => (
          <CatalogueRow key={item.id} item={item} />
        ))}
      </ul>
    </div>
  );
}
