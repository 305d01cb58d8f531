// Response headers for everything the web host serves: the renderer's Content-Security-Policy (the same one
// Electron applies) and the usual hardening headers.
import type { ServerResponse } from 'node:http';

/** The CSP for the renderer; `connectHost` is this host's host:port, so the page may open its WebSocket. */
export function contentSecurityPolicy(connectHost: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    `connect-src 'self' ws://${connectHost}`,
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

export function applySecurityHeaders(res: ServerResponse, connectHost: string): void {
  res.setHeader('Content-Security-Policy', contentSecurityPolicy(connectHost));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Cache-Control', 'no-store');
}
