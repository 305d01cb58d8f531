// The one Content-Security-Policy for the renderer, whichever host serves it (web host or Electron's app://
// scheme) and however it is delivered: as a response header by both hosts, and as a <meta http-equiv> tag
// that the renderer build writes into index.html, so the page is covered even where no header arrives.

/** [directive, sources, whether a <meta> tag can carry it (CSP3 ignores frame-ancestors there)]. */
const DIRECTIVES: readonly (readonly [string, string, boolean])[] = [
  ['default-src', "'self'", true],
  ['script-src', "'self'", true],
  // 'self' covers the web host's own WebSocket (ws: to the same host and port, CSP3), so one policy fits both hosts.
  ['connect-src', "'self'", true],
  ['img-src', "'self' data: blob:", true],
  // React sets style attributes (progress widths, canvas cursors); no stylesheet is ever injected.
  ['style-src', "'self' 'unsafe-inline'", true],
  ['font-src', "'self'", true],
  ['object-src', "'none'", true],
  ['base-uri', "'none'", true],
  ['form-action', "'none'", true],
  ['frame-ancestors', "'none'", false],
];

export type CspDelivery = 'header' | 'meta';

/** The policy as a header value, or (`'meta'`) without the directives a <meta> tag cannot carry. */
export function contentSecurityPolicy(delivery: CspDelivery = 'header'): string {
  return DIRECTIVES.filter(([, , inMeta]) => delivery === 'header' || inMeta)
    .map(([name, sources]) => `${name} ${sources}`)
    .join('; ');
}
