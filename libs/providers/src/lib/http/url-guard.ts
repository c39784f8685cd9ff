import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { UnsafeDestination } from '../errors';

/** Addresses a page must not send the server to: this host, the LAN, link-local, CGNAT, … */
const INTERNAL = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const)
  INTERNAL.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  INTERNAL.addSubnet(net, prefix, 'ipv6');

/** Whether an IP literal is loopback, private, link-local or otherwise not on the public internet. */
export function isInternalAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  const family = isIP(bare);
  if (family === 4) return INTERNAL.check(bare, 'ipv4');
  if (family !== 6) return false;
  // An IPv4 address in IPv6 clothing (::ffff:127.0.0.1) is judged as the IPv4 address.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (mapped) return INTERNAL.check(mapped[1], 'ipv4');
  return INTERNAL.check(bare, 'ipv6');
}

export type HostResolver = (hostname: string) => Promise<string[]>;

const systemResolver: HostResolver = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

/** Whether a URL's host is internal as written (an IP literal or `localhost`); no DNS. */
export function isInternalUrl(url: string): boolean {
  const host = new URL(url).hostname;
  return isLocalName(host) || isInternalAddress(host);
}

/**
 * The check for URLs taken from pages. `allowInternal` is for a sandbox or LAN mirror, where the
 * site itself lives on an internal address and so do its hosters. Otherwise the host must be
 * public: IP literals are checked as they are, names by every address DNS gives for them (so a
 * public-looking name that resolves to 127.0.0.1 is refused as well).
 */
export function createUrlGuard(
  allowInternal: boolean,
  resolve: HostResolver = systemResolver,
): (url: string) => Promise<void> {
  return async (url) => {
    if (allowInternal) return;
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    if (isLocalName(host)) throw new UnsafeDestination(url, host);
    if (isIP(host)) {
      if (isInternalAddress(host)) throw new UnsafeDestination(url, host);
      return;
    }
    let addresses: string[];
    try {
      addresses = await resolve(host);
    } catch {
      // Unresolvable: the request itself will fail with a network error, which says more.
      return;
    }
    const internal = addresses.find(isInternalAddress);
    if (internal) throw new UnsafeDestination(url, internal);
  };
}

function isLocalName(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return h === 'localhost' || h.endsWith('.localhost');
}
