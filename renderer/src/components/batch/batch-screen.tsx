// The Batch screen: the set-up form on the left, the batch's progress and summary on the right.
import { BatchRunPanel } from './batch-run-panel.tsx';
import { BatchSetupPanel } from './batch-setup-panel.tsx';

export function BatchScreen() {
  return (
    <main className="batch-screen" aria-label="Batch">
      <BatchSetupPanel />
      <BatchRunPanel />
    </main>
  );
}
