// Electron IPC sender checks (the Electron binary cannot run here; the check itself is plain logic).
import { describe, expect, it } from 'vitest';
import { RENDERER_URL } from '../../../electron/main/app-protocol.ts';
import { isTrustedSender } from '../../../electron/main/trusted-sender.ts';

const RENDERER = RENDERER_URL;
const mainFrame = { url: RENDERER };
const main = { window: { webContents: { id: 7, mainFrame } }, rendererUrl: RENDERER };

function event(senderId: number, frame: { url: string } | null) {
  return { sender: { id: senderId }, senderFrame: frame } as never;
}

describe('isTrustedSender', () => {
  it('accepts the Tessera window top frame showing the bundled renderer', () => {
    expect(isTrustedSender(event(7, mainFrame), main)).toBe(true);
  });

  it.each([
    ['another webContents', event(8, mainFrame)],
    ['an iframe of our window', event(7, { url: RENDERER })],
    ['a destroyed frame', event(7, null)],
  ])('refuses %s', (_label, e) => {
    expect(isTrustedSender(e, main)).toBe(false);
  });

  it('refuses our top frame once it navigated elsewhere', () => {
    const navigated = { url: 'https://example.invalid/' };
    expect(isTrustedSender(event(7, navigated), { ...main, window: { webContents: { id: 7, mainFrame: navigated } } })).toBe(false);
  });
});
