// The one Content-Security-Policy for the renderer, whichever host serves it (web host or Electron window).

/** `connectSources` are added to connect-src: the web host's own WebSocket URL; nothing for Electron (IPC). */
export function contentSecurityPolicy(connectSources: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    `connect-src ${["'self'", ...connectSources].join(' ')}`,
    "img-src 'self' data: blob:",
    // React sets style attributes (progress widths, canvas cursors); no stylesheet is ever injected.
    "style-src 'self' 'unsafe-inline'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
