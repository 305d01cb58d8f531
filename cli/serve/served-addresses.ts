// Which addresses the web host answers on for a `--host`: a wildcard bind (0.0.0.0, ::) is reached through
// this machine's interface addresses, so the printed URL names one of those (0.0.0.0 is not an address a
// browser can open) and the guard accepts their Host headers; a foreign name is still refused.
import os from 'node:os';

const WILDCARD_IPV4 = new Set(['0.0.0.0']);
const WILDCARD_ANY = new Set(['::', '[::]', '0:0:0:0:0:0:0:0']);
/** The names of this machine's loopback interface, always accepted. */
const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];

export interface ServedAddresses {
  /** Hosts for the printed URLs, the one to open first (a non-loopback address for a wildcard bind). */
  urlHosts: string[];
  /** Every host (without port) that a Host or Origin header may name. */
  acceptedHosts: string[];
}

/** An address as it appears in a URL's host: IPv6 in brackets. */
export function urlHost(address: string): string {
  return address.includes(':') && !address.startsWith('[') ? `[${address}]` : address;
}

/** Interface addresses a wildcard bind answers on; link-local IPv6 needs a zone id no Host header carries. */
function interfaceAddresses(interfaces: NodeJS.Dict<os.NetworkInterfaceInfo[]>, ipv6: boolean): { external: string[]; internal: string[] } {
  const external: string[] = [];
  const internal: string[] = [];
  for (const info of Object.values(interfaces).flat()) {
    if (!info || (info.family === 'IPv6' && (!ipv6 || (info.scopeid ?? 0) !== 0))) continue;
    (info.internal ? internal : external).push(urlHost(info.address.toLowerCase()));
  }
  return { external, internal };
}

export function servedAddresses(boundHost: string, interfaces: NodeJS.Dict<os.NetworkInterfaceInfo[]> = os.networkInterfaces()): ServedAddresses {
  const bound = boundHost.toLowerCase();
  if (!WILDCARD_IPV4.has(bound) && !WILDCARD_ANY.has(bound)) {
    return { urlHosts: [urlHost(bound)], acceptedHosts: [...new Set([urlHost(bound), ...LOOPBACK_HOSTS])] };
  }
  const { external, internal } = interfaceAddresses(interfaces, WILDCARD_ANY.has(bound));
  return {
    urlHosts: external.length > 0 ? [...external, '127.0.0.1'] : ['127.0.0.1'],
    acceptedHosts: [...new Set([...external, ...internal, ...LOOPBACK_HOSTS])],
  };
}
