// Response headers for everything the web host serves: the renderer's Content-Security-Policy (the same one
// Electron's app:// scheme sends and the build writes into index.html) and the usual hardening headers.
import type { ServerResponse } from 'node:http';
import { contentSecurityPolicy } from '../../native-models/api/content-security-policy.ts';

const CSP = contentSecurityPolicy('header');

export function applySecurityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Cache-Control', 'no-store');
}
