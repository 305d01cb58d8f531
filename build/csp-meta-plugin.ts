// Vite plugin: writes the renderer's Content-Security-Policy into the built index.html as a <meta http-equiv>
// right after <meta charset>, before any script or stylesheet, from the one policy both hosts also send as a
// header, so the page carries its policy under any scheme (Electron's app://, the web host, a file by hand).
import type { Plugin } from 'vite';
import { contentSecurityPolicy } from '../native-models/api/content-security-policy.ts';

const CHARSET_META = /<meta charset="[^"]*"\s*\/?>/i;

export function cspMetaPlugin(): Plugin {
  const policy = contentSecurityPolicy('meta');
  if (/["<>&]/.test(policy)) throw new Error(`the CSP holds a character an HTML attribute would need escaped: ${policy}`);
  return {
    name: 'tessera-csp-meta',
    // The dev server injects inline scripts of its own; built files are what hosts serve.
    apply: 'build',
    transformIndexHtml(html) {
      if (!CHARSET_META.test(html)) throw new Error('renderer/index.html: expected a <meta charset> tag to put the CSP <meta> after');
      return html.replace(CHARSET_META, (charset) => `${charset}\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />`);
    },
  };
}
