import { BlockList, isIP } from 'node:net';

/** Express's `trust proxy` as a function: whether the hop `hop` away at `address` is trusted. */
export type TrustProxy = (address: string, hop: number) => boolean;

/** Express's named ranges. */
const NAMED: Record<string, [string, number, 'ipv4' | 'ipv6'][]> = {
  loopback: [
    ['127.0.0.0', 8, 'ipv4'],
    ['::1', 128, 'ipv6'],
  ],
  linklocal: [
    ['169.254.0.0', 16, 'ipv4'],
    ['fe80::', 10, 'ipv6'],
  ],
  uniquelocal: [
    ['10.0.0.0', 8, 'ipv4'],
    ['172.16.0.0', 12, 'ipv4'],
    ['192.168.0.0', 16, 'ipv4'],
    ['fc00::', 7, 'ipv6'],
  ],
};

const HOPS = /^\d{1,2}$/;

/**
 * Why one `server.trusted_proxies` entry is unusable, or null. The entries are what Express's
 * `trust proxy` takes: `loopback`, `linklocal`, `uniquelocal`, addresses and CIDR ranges, or a
 * single number of hops.
 */
export function trustedProxyProblem(entry: unknown): string | null {
  if (typeof entry !== 'string' || !entry.trim()) return 'must be a non-empty string';
  const value = entry.trim();
  if (NAMED[value] || HOPS.test(value)) return null;
  const [address, bits, extra] = value.split('/');
  const family = isIP(address);
  if (!family || extra !== undefined)
    return `'${value.slice(0, 60)}' is not loopback, linklocal, uniquelocal, an address, a CIDR range or a number of hops`;
  if (bits === undefined) return null;
  const prefix = Number(bits);
  const max = family === 4 ? 32 : 128;
  if (!/^\d{1,3}$/.test(bits) || prefix > max)
    return `'${value.slice(0, 60)}' has a prefix length outside 0–${max}`;
  return null;
}

/** The whole list's problem: a number of hops must stand alone. */
export function trustedProxiesProblem(entries: unknown): string | null {
  if (!Array.isArray(entries)) return 'must be a list';
  for (const entry of entries) {
    const problem = trustedProxyProblem(entry);
    if (problem) return problem;
  }
  if (entries.length > 1 && entries.some((e) => HOPS.test(String(e).trim())))
    return 'a number of hops must be the only entry';
  return null;
}

/**
 * Compiles a validated list. Empty: no proxy is trusted, `X-Forwarded-For` is ignored and the
 * client is the TCP peer. IPv4-mapped IPv6 peers (`::ffff:127.0.0.1`) count as IPv4.
 */
export function compileTrustedProxies(entries: string[]): TrustProxy {
  const list = entries.map((e) => e.trim());
  if (list.length === 0) return () => false;
  if (list.length === 1 && HOPS.test(list[0])) {
    const hops = Number(list[0]);
    return (_address, hop) => hop < hops;
  }
  const blocks = new BlockList();
  for (const entry of list) {
    for (const [network, prefix, type] of NAMED[entry] ?? [])
      blocks.addSubnet(network, prefix, type);
    if (NAMED[entry]) continue;
    const [address, bits] = entry.split('/');
    const type = isIP(address) === 4 ? 'ipv4' : 'ipv6';
    if (bits === undefined) blocks.addAddress(address, type);
    else blocks.addSubnet(address, Number(bits), type);
  }
  return (address) => {
    const plain = address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
    const family = isIP(plain);
    return family !== 0 && blocks.check(plain, family === 4 ? 'ipv4' : 'ipv6');
  };
}
