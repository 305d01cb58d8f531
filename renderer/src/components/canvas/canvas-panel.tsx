// The Studio's canvas column: toolbar, the memory guard's notice, the stage with the run's progress, and the bars of a multi-image run, an
// opened folder and an opened PNG's parameters. Tool options and the canvas runs live in the Edit panel beside it.
import { GenerationProgress } from '../generation-progress.tsx';
import { MemoryNotice } from '../memory-notice.tsx';
import { CanvasStage } from './canvas-stage.tsx';
import { CanvasToolbar } from './canvas-toolbar.tsx';
import { FolderNav, OpenedParameters, ResultStrip } from './canvas-extras.tsx';
import { useCanvasKeys } from './use-canvas-keys.ts';
import { useWindowDrop } from './use-window-drop.ts';

export function CanvasPanel() {
  const spaceHeld = useCanvasKeys();
  const dragging = useWindowDrop();
  return (
    <section className={`panel canvas-panel${dragging ? ' drop-target' : ''}`} aria-label="Canvas">
      <CanvasToolbar />
      <MemoryNotice />
      <div className="canvas-stage-wrap">
        <CanvasStage spaceHeld={spaceHeld} />
        <GenerationProgress />
      </div>
      <ResultStrip />
      <FolderNav />
      <OpenedParameters />
    </section>
  );
}
