// The web host's folder picker for the Batch panel: the host's folders as listFolders shows them (home and the
// configured folders; hidden ones and links leading out are not offered), one level at a time, with the number
// of images in each. Electron keeps its native dialog; this opens only where there is none.
import { useEffect, useRef } from 'react';
import { useAppStore } from '../../store/store-context.tsx';

const TITLES = { inputDir: 'Choose the folder of images to process', outputDir: 'Choose the folder the results go to' } as const;

const images = (n: number) => `${n} image${n === 1 ? '' : 's'}`;

export function FolderBrowserDialog() {
  const browser = useAppStore((s) => s.folderBrowser);
  const browse = useAppStore((s) => s.browseFolder);
  const choose = useAppStore((s) => s.chooseBrowsedFolder);
  const close = useAppStore((s) => s.closeFolderBrowser);
  const dialog = useRef<HTMLDivElement>(null);
  const open = browser !== null;
  useEffect(() => {
    if (!open) return;
    dialog.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, close]);
  if (!browser) return null;
  const { listing, loading, error } = browser;
  const title = TITLES[browser.field];
  return (
    <div className="dialog-backdrop">
      <div ref={dialog} className="dialog panel folder-browser" role="dialog" aria-modal="true" aria-label={title} tabIndex={-1}>
        <h2>{title}</h2>
        <p className="muted small path-input" aria-label="Folder shown">
          {listing?.path ?? 'Your home folder and the folders set in Settings'}
          {listing?.path && ` · ${images(listing.imageCount)}`}
        </p>
        <div className="queue-actions">
          <button type="button" className="button small" disabled={loading || !listing?.path} onClick={() => void browse(listing?.parent ?? null)}>
            Up
          </button>
          {listing?.roots.map((root) => (
            <button key={root.path} type="button" className="button small" disabled={loading} title={root.path} onClick={() => void browse(root.path)}>
              {root.label}
            </button>
          ))}
        </div>
        {error && (
          <p className="field-error" role="alert">
            {error.message}
          </p>
        )}
        <ul className="folder-list" aria-label="Folders" aria-busy={loading}>
          {listing?.folders.map((folder) => (
            <li key={folder.path}>
              <button type="button" className="folder-entry" title={folder.path} disabled={loading} onClick={() => void browse(folder.path)}>
                <span>{folder.name}</span>
                <span className="muted small">{images(folder.imageCount)}</span>
              </button>
            </li>
          ))}
          {listing && listing.folders.length === 0 && <li className="muted small">No folders here</li>}
        </ul>
        <div className="queue-actions dialog-actions">
          <button type="button" className="button" onClick={close}>
            Cancel
          </button>
          <button type="button" className="button primary" disabled={loading || !listing?.path} onClick={() => void choose()}>
            Use this folder
          </button>
        </div>
      </div>
    </div>
  );
}
