import { type Sandbox, startSandbox } from '@aniworld/sandbox';
import { ProvidersService } from './providers.service';
import { startTestApp, type TestApp } from '../../test/helpers/test-app';
import { waitUntil } from '../../test/helpers/wait';

const MiB = 1024 * 1024;
const SERIES = '/api/providers/aniworld/series/sternenwanderer';

/**
 * A hostile site (the sandbox's `pad`, `bomb` and `rate` faults) against the real application:
 * the server answers a typed 502, stays healthy, keeps its memory, and one slow site page never
 * blocks the others for longer than the configured deadline.
 */
describe('hostile upstreams against the server (HTTP)', () => {
  let sandbox: Sandbox;
  let t: TestApp;
  let api: ReturnType<TestApp['api']>;
  let token: string;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    t = await startTestApp(
      { ANIWORLD_BASE_URL: `${sandbox.baseUrl}/aniworld`, STO_BASE_URL: `${sandbox.baseUrl}/sto` },
      {
        settings: {
          providers: {
            requests_per_second: 50,
            retries: 1,
            cache_ttl_seconds: 0,
            // Far away: the size limits must answer, not the clock of a loaded machine. The
            // deadline test sets its own.
            request_deadline_seconds: 120,
          },
        },
      },
    );
    token = await t.setUp();
    api = t.api(token);
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await sandbox.close();
  });
  afterEach(() => sandbox.clearFaults());

  it('survives a 200 MB page: typed 502, healthy, memory bounded', async () => {
    sandbox.setFaults('aniworld', `pad=${200 * MiB}`);
    const before = process.memoryUsage().rss;
    const res = await api.get(SERIES).expect(502);
    expect(res.body).toMatchObject({
      code: 'UPSTREAM_ERROR',
      details: expect.objectContaining({ reason: 'too-large', limit: 5 * MiB }),
    });
    expect(process.memoryUsage().rss - before).toBeLessThan(150 * MiB);
    await api.get('/health').expect(200);
  });

  it('survives a 1 GiB gzip bomb: typed 502, healthy, memory bounded', async () => {
    sandbox.setFaults('aniworld', 'bomb=1024');
    const before = process.memoryUsage().rss;
    const res = await api.get(SERIES).expect(502);
    expect(res.body).toMatchObject({
      code: 'UPSTREAM_ERROR',
      details: expect.objectContaining({ reason: 'too-large', stage: 'inflated' }),
    });
    expect(process.memoryUsage().rss - before).toBeLessThan(300 * MiB);
    await api.get('/health').expect(200);
  });

  it('ends four dripping pages by their deadline and still serves the site', async () => {
    await api
      .put('/api/config')
      .send({ providers: { request_deadline_seconds: 2 } })
      .expect(200);
    // 500 B/s in 256-byte steps: never idle for long, never done within the 2 s deadline.
    sandbox.setFaults('aniworld/anime/stream/sternenwanderer', 'rate=500');
    const drips = [1, 2, 3, 4].map(() => api.get(SERIES));
    const other = api.get('/api/providers/aniworld/series/maedchen-und-drachen');
    const answers = await Promise.all(drips);
    for (const res of answers) {
      expect(res.status).toBe(502);
      expect(res.body).toMatchObject({ details: expect.objectContaining({ reason: 'deadline' }) });
    }
    expect((await other).status).toBe(200);
    sandbox.clearFaults();
    await api.get(SERIES).expect(200);
  });

  it('stops the upstream request and frees its slot when the API client hangs up', async () => {
    // A deadline far away, so only the hang-up can free the slot.
    await api
      .put('/api/config')
      .send({ providers: { request_deadline_seconds: 600 } })
      .expect(200);
    sandbox.setFaults('aniworld/anime/stream/sternenwanderer', 'rate=500');
    const providers = t.app.get(ProvidersService);
    const siteUrl = `${sandbox.baseUrl}/aniworld/anime/stream/sternenwanderer`;
    const client = new AbortController();
    const gone = fetch(`${t.url}${SERIES}`, {
      headers: { authorization: `Bearer ${token}` },
      signal: client.signal,
    }).catch(() => 'aborted');
    await waitUntil(() => providers.load(siteUrl).active === 1, 'the site request to start');
    client.abort();
    expect(await gone).toBe('aborted');
    await waitUntil(() => providers.load(siteUrl).active === 0, 'the slot to be released');
  });
});
