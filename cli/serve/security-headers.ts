// Response headers for everything the web host serves: the renderer's Content-Security-Policy (the same one
// Electron applies) and the usual hardening headers.
import type { ServerResponse } from 'node:http';
import { contentSecurityPolicy } from '../../native-models/api/content-security-policy.ts';

/** The CSP for the renderer; `connectHost` is this host's host:port, so the page may open its WebSocket. */
export function hostContentSecurityPolicy(connectHost: string): string {
  return contentSecurityPolicy([`ws://${connectHost}`]);
}

export function applySecurityHeaders(res: ServerResponse, connectHost: string): void {
  res.setHeader('Content-Security-Policy', hostContentSecurityPolicy(connectHost));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Cache-Control', 'no-store');
}
