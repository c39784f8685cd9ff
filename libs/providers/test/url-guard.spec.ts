import { startSandbox, type Sandbox } from '@aniworld/sandbox';
import {
  UnsafeDestination,
  createProviders,
  createUrlGuard,
  isInternalAddress,
  type Providers,
} from '../src';
import { FakeHttp, html } from './helpers/fake-http';

describe('isInternalAddress', () => {
  it.each([
    '127.0.0.1',
    '127.8.9.10',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    '::',
    'fe80::1',
    'fd00::1',
    '::ffff:127.0.0.1',
    '[::1]',
  ])('%s is internal', (address) => expect(isInternalAddress(address)).toBe(true));

  it.each(['8.8.8.8', '172.32.0.1', '93.184.216.34', '2606:4700::1111', '::ffff:8.8.8.8'])(
    '%s is public',
    (address) => expect(isInternalAddress(address)).toBe(false),
  );
});

describe('createUrlGuard', () => {
  const resolver = async (host: string): Promise<string[]> =>
    ({
      'rebound.example': ['93.184.216.34', '127.0.0.1'],
      'public.example': ['93.184.216.34'],
    })[host] ?? [];

  it('refuses internal IP literals, localhost and names that resolve to internal addresses', async () => {
    const guard = createUrlGuard(false, resolver);
    await expect(guard('http://127.0.0.1:6379/')).rejects.toBeInstanceOf(UnsafeDestination);
    await expect(guard('http://[::1]/x')).rejects.toBeInstanceOf(UnsafeDestination);
    await expect(guard('http://localhost:8080/admin')).rejects.toBeInstanceOf(UnsafeDestination);
    await expect(guard('http://169.254.169.254/latest/meta-data')).rejects.toMatchObject({
      code: 'HOSTER_UNAVAILABLE',
      address: '169.254.169.254',
    });
    await expect(guard('https://rebound.example/e/1')).rejects.toMatchObject({
      address: '127.0.0.1',
    });
  });

  it('lets public destinations through, and everything when internal ones are allowed', async () => {
    await expect(createUrlGuard(false, resolver)('https://public.example/e/1')).resolves.toBe(
      undefined,
    );
    await expect(createUrlGuard(true, resolver)('http://127.0.0.1:6379/')).resolves.toBe(undefined);
  });
});

describe('a public hoster pointing into the local network', () => {
  // A public IP literal needs no DNS; the media URL on its page points at a loopback service.
  const embed = 'http://93.184.216.34/vidoza/embed-x.html';

  it('refuses the media URL of the descriptor and checks every request the extractor makes', async () => {
    const http = new FakeHttp().on(embed, html('<source src="http://127.0.0.1:6379/x.mp4">'));
    const providers = createProviders({
      sites: { aniworld: { baseUrl: 'http://93.184.216.34' } },
      http,
    });
    await expect(providers.extract('Vidoza', embed)).rejects.toMatchObject({
      name: 'UnsafeDestination',
      address: '127.0.0.1',
    });
    // The extractor's own requests carry the check, so undici applies it to each redirect hop.
    const check = http.requests[0]?.checkUrl;
    expect(check).toBeDefined();
    await expect(check?.('http://10.0.0.1/admin')).rejects.toBeInstanceOf(UnsafeDestination);
    await providers.close();
  });
});

describe('scraped URLs against a hostile site (sandbox)', () => {
  let sb: Sandbox;
  const open: Providers[] = [];

  const providers = (allowInternalDestinations?: boolean): Providers => {
    const p = createProviders({
      sites: { aniworld: { baseUrl: `${sb.baseUrl}/aniworld` } },
      requestsPerSecond: 50,
      retries: 0,
      allowInternalDestinations,
    });
    open.push(p);
    return p;
  };

  beforeAll(async () => {
    sb = await startSandbox({ port: 0 });
  });
  afterAll(async () => {
    for (const p of open) await p.close();
    await sb.close();
  });

  it('refuses the redirect target on 127.0.0.1 when the sites count as public', async () => {
    // The sandbox is on loopback; `allowInternalDestinations: false` makes it play a public site
    // whose redirect sends the server to a loopback service.
    const p = providers(false);
    const episode = await p.site('aniworld').getEpisode('sternenwanderer', 1, 1);
    sb.resetStats();
    await expect(p.resolveStream(episode.links[0])).rejects.toBeInstanceOf(UnsafeDestination);
    await expect(p.extract('VOE', `${sb.baseUrl}/voe/e/abc`)).rejects.toMatchObject({
      address: '127.0.0.1',
    });
    // Not a single request went to the hoster.
    expect(Object.keys(sb.stats().by_path).filter((path) => !path.startsWith('/aniworld'))).toEqual(
      [],
    );
  });

  it('allows internal destinations when the configured site is itself internal (default)', async () => {
    const p = providers();
    const episode = await p.site('aniworld').getEpisode('sternenwanderer', 1, 1);
    const resolved = await p.resolveStream(episode.links[0]);
    expect(resolved.descriptor.url).toContain(sb.baseUrl);
  });

  it('checkUrl applies the same rule for callers that fetch media themselves', async () => {
    await expect(
      providers(false).checkUrl(`${sb.baseUrl}/cdn/mp4/sample.mp4`),
    ).rejects.toMatchObject({
      address: '127.0.0.1',
    });
    await expect(providers(false).checkUrl('http://[::1]:9/x.ts')).rejects.toBeInstanceOf(
      UnsafeDestination,
    );
    await expect(providers().checkUrl(`${sb.baseUrl}/cdn/mp4/sample.mp4`)).resolves.toBeUndefined();
  });
});
