// The Batch screen: the set-up form on the left, the batch's progress and summary on the right; the folder
// browser over them when open.
import { BatchRunPanel } from './batch-run-panel.tsx';
import { BatchSetupPanel } from './batch-setup-panel.tsx';
import { FolderBrowserDialog } from './folder-browser-dialog.tsx';

export function BatchScreen() {
  return (
    <main className="batch-screen" aria-label="Batch">
      <BatchSetupPanel />
      <BatchRunPanel />
      <FolderBrowserDialog />
    </main>
  );
}
