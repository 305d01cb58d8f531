// Canvas keyboard shortcuts: Ctrl/Cmd+Z undo, Ctrl/Cmd+Shift+Z (or Ctrl+Y) redo, H/S/B/E tools, [ and ] brush
// size, and space held for a temporary hand. Keys typed into form fields are left to the fields.
import { useEffect, useState } from 'react';
import { ownEntry } from '../../../../native-models/core/own-entry.ts';
import type { CanvasTool } from '../../store/canvas/canvas-state.ts';
import { useAppStore } from '../../store/store-context.tsx';

const TOOL_KEYS: Record<string, CanvasTool> = { h: 'hand', s: 'segment', b: 'brush', e: 'eraser' };

function typingIn(target: EventTarget | null): boolean {
  const node = target as HTMLElement | null;
  if (!node || !node.tagName) return false;
  // Range sliders and checkboxes take no text: shortcuts still apply when they have focus.
  if (node.tagName === 'INPUT') return !['range', 'checkbox', 'radio', 'button', 'file'].includes((node as HTMLInputElement).type);
  return node.tagName === 'TEXTAREA' || node.tagName === 'SELECT' || node.isContentEditable;
}

/** Installs the shortcuts while mounted; answers whether space is held (temporary hand). */
export function useCanvasKeys(): boolean {
  const [spaceHeld, setSpaceHeld] = useState(false);
  const undo = useAppStore((s) => s.undoCanvas);
  const redo = useAppStore((s) => s.redoCanvas);
  const setTool = useAppStore((s) => s.setCanvasTool);
  const setBrushSize = useAppStore((s) => s.setBrushSize);
  const brushSize = useAppStore((s) => s.brushSize);
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (typingIn(e.target)) return;
      const key = e.key.toLowerCase();
      if ((e.ctrlKey || e.metaKey) && (key === 'z' || key === 'y')) {
        e.preventDefault();
        if (key === 'y' || e.shiftKey) redo();
        else undo();
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (key === ' ') {
        e.preventDefault();
        setSpaceHeld(true);
      } else if (ownEntry(TOOL_KEYS, key)) {
        setTool(ownEntry(TOOL_KEYS, key)!);
      } else if (key === '[' || key === ']') {
        setBrushSize(Math.round(brushSize * (key === ']' ? 1.25 : 0.8)) + (key === ']' ? 1 : 0));
      }
    };
    const onKeyUp = (e: KeyboardEvent) => {
      if (e.key === ' ') setSpaceHeld(false);
    };
    const onBlur = () => setSpaceHeld(false);
    window.addEventListener('keydown', onKeyDown);
    window.addEventListener('keyup', onKeyUp);
    window.addEventListener('blur', onBlur);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      window.removeEventListener('keyup', onKeyUp);
      window.removeEventListener('blur', onBlur);
    };
  }, [undo, redo, setTool, setBrushSize, brushSize]);
  return spaceHeld;
}
