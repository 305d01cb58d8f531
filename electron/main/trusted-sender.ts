// Which IPC calls main accepts: only those from the Tessera window's top frame showing the bundled renderer.
// Kept free of runtime Electron imports so that it can be unit-tested without the Electron binary.
import type { IpcMainInvokeEvent } from 'electron';

/** The window main trusts and the exact URL of the renderer it loaded. */
export interface TrustedWindow {
  window: { webContents: { id: number; mainFrame: unknown } };
  rendererUrl: string;
}

/** True only for our window's top frame showing the bundled renderer (not an iframe, not another page). */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>, main: TrustedWindow): boolean {
  const frame = event.senderFrame;
  if (!frame || event.sender.id !== main.window.webContents.id) return false;
  return frame === main.window.webContents.mainFrame && frame.url === main.rendererUrl;
}
