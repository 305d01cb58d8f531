// Dropping image files anywhere on the window opens them on the canvas (one file: that image; several: a
// folder-like list with previous/next). Answers whether files are being dragged over, for the highlight.
import { useEffect, useState } from 'react';
import { useAppStore } from '../../store/store-context.tsx';

function carriesFiles(e: DragEvent): boolean {
  return e.dataTransfer?.types.includes('Files') ?? false;
}

export function useWindowDrop(): boolean {
  const [over, setOver] = useState(false);
  const openFile = useAppStore((s) => s.openCanvasFile);
  const openFolder = useAppStore((s) => s.openCanvasFolder);
  useEffect(() => {
    let depth = 0; // dragenter/leave fire for every child crossed; count them to know when the drag left
    const onEnter = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      depth++;
      setOver(true);
    };
    const onLeave = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setOver(false);
    };
    const onOver = (e: DragEvent) => {
      // Without this the browser navigates to the dropped file instead of handing it to the page.
      if (carriesFiles(e)) e.preventDefault();
    };
    const onDrop = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setOver(false);
      const files = [...(e.dataTransfer?.files ?? [])];
      if (files.length === 1) void openFile(files[0]!);
      else if (files.length > 1) void openFolder(files);
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('dragover', onOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('drop', onDrop);
    };
  }, [openFile, openFolder]);
  return over;
}
