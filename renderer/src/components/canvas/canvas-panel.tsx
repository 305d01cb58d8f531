// The Studio's canvas column: progress, toolbar, the current tool's options, the stage, and the canvas runs.
import { GenerationProgress } from '../generation-progress.tsx';
import { CanvasStage } from './canvas-stage.tsx';
import { CanvasToolbar } from './canvas-toolbar.tsx';
import { FolderNav, OpenedParameters, ResultStrip } from './canvas-extras.tsx';
import { EditOptions } from './edit-options.tsx';
import { ToolOptions } from './tool-options.tsx';
import { useCanvasKeys } from './use-canvas-keys.ts';
import { useWindowDrop } from './use-window-drop.ts';

export function CanvasPanel() {
  const spaceHeld = useCanvasKeys();
  const dragging = useWindowDrop();
  return (
    <section className={`panel canvas-panel${dragging ? ' drop-target' : ''}`} aria-label="Canvas">
      <CanvasToolbar />
      <ToolOptions />
      <div className="canvas-stage-wrap">
        <CanvasStage spaceHeld={spaceHeld} />
        <GenerationProgress />
      </div>
      <ResultStrip />
      <FolderNav />
      <OpenedParameters />
      <EditOptions />
    </section>
  );
}
