// System dialogs run in main: the renderer receives only the path the user picked (or null), never a listing.
import { dialog, type BrowserWindow } from 'electron';

export async function pickFolder(window: BrowserWindow, title: string): Promise<string | null> {
  const result = await dialog.showOpenDialog(window, { title, properties: ['openDirectory', 'dontAddToRecent'] });
  return result.canceled ? null : (result.filePaths[0] ?? null);
}
