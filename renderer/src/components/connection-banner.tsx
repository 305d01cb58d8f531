// Says, while it is true, that the host does not answer and the page is reconnecting; gone once the host is back.
import { useAppStore } from '../store/store-context.tsx';

export function ConnectionBanner() {
  const connection = useAppStore((s) => s.connection);
  if (connection !== 'reconnecting') return null;
  return (
    <div className="connection-banner" role="status" aria-label="Connection">
      <strong>Disconnected — reconnecting…</strong>
      <span>The Tessera host stopped answering. This page reconnects by itself when it is back on the same address; calls made meanwhile fail.</span>
    </div>
  );
}
