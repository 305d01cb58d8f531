// The Studio's Edit panel, beside the canvas: the current tool's options, then the canvas runs and Export. Laid
// out as a column so nothing here takes height from the stage, and it scrolls with the dock on small windows.
import { EditOptions } from './edit-options.tsx';
import { ToolOptions } from './tool-options.tsx';

export function EditPanel() {
  return (
    <section className="panel edit-panel" aria-labelledby="edit-heading">
      <h2 id="edit-heading">Edit</h2>
      <ToolOptions />
      <EditOptions />
    </section>
  );
}
