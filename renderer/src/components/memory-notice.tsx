// The engine's memory guard, said in the Studio: the last run's model did not fit the free RAM in normal mode, so
// it ran in low-memory mode (slower: sessions load per stage), or may not fit even so. Stays until the next run.
import { useAppStore } from '../store/store-context.tsx';

export function MemoryNotice() {
  const notice = useAppStore((s) => s.memoryNotice);
  if (!notice) return null;
  return (
    <p className="memory-notice" role="status" aria-label="Memory notice">
      Low memory: {notice}
    </p>
  );
}
