// Shows the last error from the host in words (code + message), with a dismiss button; never a blank screen.
// When an execution provider failed, it offers the way out: "Run on CPU" (switches the setting, runs again).
import { isProviderError } from '../store/settings-slice.ts';
import { useAppStore } from '../store/store-context.tsx';

export function ErrorBanner() {
  const error = useAppStore((s) => s.error);
  const dismiss = useAppStore((s) => s.dismissError);
  const runOnCpu = useAppStore((s) => s.runOnCpu);
  if (!error) return null;
  return (
    <div className="error-banner" role="alert">
      <strong>{error.code}</strong>
      <span>{error.message}</span>
      {isProviderError(error.code) && (
        <button type="button" className="button primary" onClick={() => void runOnCpu()}>
          Run on CPU
        </button>
      )}
      <button type="button" className="button" onClick={dismiss} aria-label="Dismiss error">
        Dismiss
      </button>
    </div>
  );
}
