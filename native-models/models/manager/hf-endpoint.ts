// TESSERA_HF_ENDPOINT (like huggingface_hub's HF_ENDPOINT): a mirror that serves the same `/<repo>/resolve/<rev>/<file>`
// paths as https://huggingface.co, for networks that cannot reach it.
import { TesseraError } from '../../api/errors.ts';

const HF_ORIGIN = 'https://huggingface.co';
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The mirror's base URL without a trailing slash, or null when unset. Throws on a URL downloads must not use. */
export function hfEndpointFromEnv(env: NodeJS.ProcessEnv): string | null {
  const raw = env.TESSERA_HF_ENDPOINT?.trim();
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new TesseraError('INVALID_ARGUMENT', `TESSERA_HF_ENDPOINT: got "${raw}", expected a URL such as https://hf-mirror.example`);
  }
  if (!(url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)))) {
    throw new TesseraError('INVALID_ARGUMENT', `TESSERA_HF_ENDPOINT: got "${raw}", expected an https:// URL (http:// only for 127.0.0.1/localhost)`);
  }
  return raw.replace(/\/+$/, '');
}

/** `https://huggingface.co/x/y/resolve/main/f` → `<endpoint>/x/y/resolve/main/f`; other hosts are left alone. */
export function rewriteHfUrl(url: string, endpoint: string): string {
  return url === HF_ORIGIN || url.startsWith(`${HF_ORIGIN}/`) ? endpoint + url.slice(HF_ORIGIN.length) : url;
}
