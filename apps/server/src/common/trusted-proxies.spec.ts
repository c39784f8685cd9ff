import { compileTrustedProxies, trustedProxiesProblem } from './trusted-proxies';

describe('trusted proxies', () => {
  it('trusts nobody by default', () => {
    const trust = compileTrustedProxies([]);
    expect(trust('127.0.0.1', 0)).toBe(false);
    expect(trust('::1', 0)).toBe(false);
  });

  it('understands loopback, addresses, CIDR ranges and IPv4-mapped peers', () => {
    const trust = compileTrustedProxies(['loopback', '10.1.2.3', '192.168.0.0/16', 'fd00::/8']);
    expect(trust('127.0.0.1', 0)).toBe(true);
    expect(trust('::ffff:127.0.0.1', 0)).toBe(true);
    expect(trust('::1', 0)).toBe(true);
    expect(trust('10.1.2.3', 1)).toBe(true);
    expect(trust('10.1.2.4', 1)).toBe(false);
    expect(trust('192.168.44.5', 0)).toBe(true);
    expect(trust('fd12::1', 0)).toBe(true);
    expect(trust('8.8.8.8', 0)).toBe(false);
    expect(trust('garbage', 0)).toBe(false);
  });

  it('trusts a number of hops', () => {
    const trust = compileTrustedProxies(['2']);
    expect([0, 1, 2].map((hop) => trust('8.8.8.8', hop))).toEqual([true, true, false]);
  });

  it('names what is wrong with a bad list', () => {
    expect(trustedProxiesProblem(['loopback', '10.0.0.0/8', '::1'])).toBeNull();
    expect(trustedProxiesProblem(['1'])).toBeNull();
    expect(trustedProxiesProblem(['localhost'])).toContain("'localhost' is not loopback");
    expect(trustedProxiesProblem(['10.0.0.0/33'])).toContain('prefix length outside 0–32');
    expect(trustedProxiesProblem(['1', 'loopback'])).toBe(
      'a number of hops must be the only entry',
    );
    expect(trustedProxiesProblem('loopback')).toBe('must be a list');
  });
});
