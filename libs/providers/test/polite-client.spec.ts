import { PoliteHttpClient, UpstreamError, type HttpRequest, type HttpResponse } from '../src';
import { FakeClock } from './helpers/fake-clock';
import { FakeHttp } from './helpers/fake-http';

function polite(
  inner: FakeHttp,
  clock: FakeClock,
  options: ConstructorParameters<typeof PoliteHttpClient>[1] = {},
): PoliteHttpClient {
  return new PoliteHttpClient(inner, {
    clock,
    requestsPerSecond: 0,
    backoffBaseMs: 500,
    ...options,
  });
}

function sequence(
  ...responses: (Partial<HttpResponse> | Error)[]
): (req: HttpRequest) => Partial<HttpResponse> {
  let i = 0;
  return () => {
    const next = responses[Math.min(i++, responses.length - 1)];
    if (next instanceof Error) throw next;
    return next;
  };
}

function networkError(code = 'ECONNRESET'): Error {
  return Object.assign(new Error(`socket ${code}`), { code });
}

describe('PoliteHttpClient', () => {
  describe('rate limit', () => {
    it('spaces requests to one host by 1/rps', async () => {
      const clock = new FakeClock();
      const inner = new FakeHttp().on(/./, 'ok');
      const http = polite(inner, clock, { requestsPerSecond: 2 });
      for (let i = 0; i < 3; i++) await http.get('http://a.test/x');
      expect(clock.sleeps).toEqual([500, 500]);
    });

    it('keeps separate budgets per bucket', async () => {
      const clock = new FakeClock();
      const inner = new FakeHttp().on(/./, 'ok');
      const http = polite(inner, clock, { requestsPerSecond: 2 });
      await http.get('http://a.test/x');
      await http.get('http://b.test/x');
      expect(clock.sleeps).toEqual([]);
    });

    it('buckets by a custom key (one budget per site on a shared host)', async () => {
      const clock = new FakeClock();
      const inner = new FakeHttp().on(/./, 'ok');
      const http = polite(inner, clock, {
        requestsPerSecond: 1,
        keyOf: (url) => new URL(url).pathname.split('/')[1],
      });
      await http.get('http://h.test/aniworld/a');
      await http.get('http://h.test/sto/a');
      await http.get('http://h.test/aniworld/b');
      expect(clock.sleeps).toEqual([1000]);
    });

    it('does not wait when time has passed since the last request', async () => {
      const clock = new FakeClock();
      const inner = new FakeHttp().on(/./, 'ok');
      const http = polite(inner, clock, { requestsPerSecond: 2 });
      await http.get('http://a.test/x');
      clock.advance(600);
      await http.get('http://a.test/x');
      expect(clock.sleeps).toEqual([]);
    });
  });

  describe('concurrency', () => {
    it('holds back requests beyond the per-host limit until one finishes', async () => {
      const clock = new FakeClock();
      const releases: (() => void)[] = [];
      const inner = new FakeHttp().on(
        /./,
        () => new Promise((resolve) => releases.push(() => resolve({ body: 'ok' }))),
      );
      const http = polite(inner, clock, { maxConcurrent: 2 });
      const all = Promise.all([1, 2, 3].map((i) => http.get(`http://a.test/${i}`)));
      await flush();
      expect(inner.requests).toHaveLength(2);
      releases[0]();
      await flush();
      expect(inner.requests).toHaveLength(3);
      releases[1]();
      releases[2]();
      expect((await all).map((r) => r.body)).toEqual(['ok', 'ok', 'ok']);
    });

    it('does not count other hosts against the limit', async () => {
      const clock = new FakeClock();
      const releases: (() => void)[] = [];
      const inner = new FakeHttp().on(
        /./,
        () => new Promise((resolve) => releases.push(() => resolve({ body: 'ok' }))),
      );
      const http = polite(inner, clock, { maxConcurrent: 1 });
      const all = Promise.all([http.get('http://a.test/1'), http.get('http://b.test/1')]);
      await flush();
      expect(inner.requests).toHaveLength(2);
      releases.forEach((r) => r());
      await all;
    });
  });

  describe('retries', () => {
    it('retries 5xx with exponential backoff and returns the success', async () => {
      const clock = new FakeClock();
      const inner = new FakeHttp().on(
        /./,
        sequence({ status: 503 }, { status: 502 }, { status: 200, body: 'ok' }),
      );
      const res = await polite(inner, clock).get('http://a.test/x');
      expect(res.body).toBe('ok');
      expect(inner.requests).toHaveLength(3);
      expect(clock.sleeps).toEqual([500, 1000]);
    });

    it('honours Retry-After on 429 when it is longer than the backoff', async () => {
      const clock = new FakeClock();
      const inner = new FakeHttp().on(
        /./,
        sequence({ status: 429, headers: { 'retry-after': '7' } }, { status: 200 }),
      );
      await polite(inner, clock).get('http://a.test/x');
      expect(clock.sleeps).toEqual([7000]);
    });

    it('accepts Retry-After as an HTTP date', async () => {
      const clock = new FakeClock(Date.parse('2026-10-01T12:00:00Z'));
      const inner = new FakeHttp().on(
        /./,
        sequence(
          { status: 503, headers: { 'retry-after': 'Thu, 01 Oct 2026 12:00:03 GMT' } },
          { status: 200 },
        ),
      );
      await polite(inner, clock).get('http://a.test/x');
      expect(clock.sleeps).toEqual([3000]);
    });

    it('caps the backoff', async () => {
      const clock = new FakeClock();
      const inner = new FakeHttp().on(
        /./,
        sequence({ status: 500 }, { status: 500 }, { status: 500 }, { status: 200 }),
      );
      await polite(inner, clock, { backoffBaseMs: 1000, backoffMaxMs: 1500 }).get(
        'http://a.test/x',
      );
      expect(clock.sleeps).toEqual([1000, 1500, 1500]);
    });

    it('throws UpstreamError with the last status once retries are used up', async () => {
      const clock = new FakeClock();
      const inner = new FakeHttp().on(/./, { status: 503, body: 'busy' });
      await expect(
        polite(inner, clock, { retries: 2 }).get('http://a.test/x'),
      ).rejects.toMatchObject({
        code: 'UPSTREAM_ERROR',
        status: 503,
        url: 'http://a.test/x',
      });
      expect(inner.requests).toHaveLength(3);
    });

    it.each([404, 410, 403, 400])('does not retry %d', async (status) => {
      const clock = new FakeClock();
      const inner = new FakeHttp().on(/./, { status });
      const res = await polite(inner, clock).get('http://a.test/x');
      expect(res.status).toBe(status);
      expect(inner.requests).toHaveLength(1);
    });

    it('does not retry a challenge page, even with status 503', async () => {
      const clock = new FakeClock();
      const inner = new FakeHttp().on(/./, {
        status: 503,
        body: '<title>Just a moment...</title>',
      });
      const res = await polite(inner, clock).get('http://a.test/x');
      expect(res.status).toBe(503);
      expect(inner.requests).toHaveLength(1);
    });

    it('retries network errors and then succeeds', async () => {
      const clock = new FakeClock();
      const inner = new FakeHttp().on(/./, sequence(networkError(), { status: 200, body: 'ok' }));
      const res = await polite(inner, clock).get('http://a.test/x');
      expect(res.body).toBe('ok');
      expect(clock.sleeps).toEqual([500]);
    });

    it('reports a persistent network error as UpstreamError status 0', async () => {
      const clock = new FakeClock();
      const inner = new FakeHttp().on(/./, sequence(networkError('ECONNREFUSED')));
      const error = await polite(inner, clock, { retries: 1 })
        .get('http://a.test/x')
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UpstreamError);
      expect(error).toMatchObject({ status: 0 });
      expect(inner.requests).toHaveLength(2);
    });

    it('does not retry programming errors', async () => {
      const clock = new FakeClock();
      const inner = new FakeHttp().on(/./, sequence(new TypeError('bad')));
      await expect(polite(inner, clock).get('http://a.test/x')).rejects.toBeInstanceOf(TypeError);
      expect(inner.requests).toHaveLength(1);
    });
  });

  describe('cache', () => {
    it('serves pages asked for with cache from memory until the TTL passes', async () => {
      const clock = new FakeClock();
      let n = 0;
      const inner = new FakeHttp().on(/./, () => ({ body: `v${++n}` }));
      const http = polite(inner, clock, { cacheTtlMs: 60_000 });
      expect((await http.get('http://a.test/s', { cache: true })).body).toBe('v1');
      clock.advance(59_000);
      expect((await http.get('http://a.test/s', { cache: true })).body).toBe('v1');
      clock.advance(2_000);
      expect((await http.get('http://a.test/s', { cache: true })).body).toBe('v2');
    });

    it('does not cache requests without the flag, errors or challenge pages', async () => {
      const clock = new FakeClock();
      let n = 0;
      const inner = new FakeHttp()
        .on('http://a.test/plain', () => ({ body: `v${++n}` }))
        .on('http://a.test/missing', { status: 404 })
        .on('http://a.test/challenge', { body: '<div class="cf-turnstile"></div>' });
      const http = polite(inner, clock);
      await http.get('http://a.test/plain');
      expect((await http.get('http://a.test/plain')).body).toBe('v2');
      await http.get('http://a.test/missing', { cache: true });
      await http.get('http://a.test/missing', { cache: true });
      await http.get('http://a.test/challenge', { cache: true });
      await http.get('http://a.test/challenge', { cache: true });
      expect(inner.requests).toHaveLength(6);
    });

    it('can be cleared', async () => {
      const clock = new FakeClock();
      const inner = new FakeHttp().on(/./, 'x');
      const http = polite(inner, clock);
      await http.get('http://a.test/s', { cache: true });
      http.clearCache();
      await http.get('http://a.test/s', { cache: true });
      expect(inner.requests).toHaveLength(2);
    });
  });

  it('adds the configured User-Agent unless the request has one', async () => {
    const clock = new FakeClock();
    const inner = new FakeHttp().on(/./, 'x');
    const http = polite(inner, clock, { userAgent: 'TestAgent/1' });
    await http.get('http://a.test/1');
    await http.get('http://a.test/2', { headers: { 'User-Agent': 'Other/2' } });
    expect(inner.header(0, 'user-agent')).toBe('TestAgent/1');
    expect(inner.header(1, 'user-agent')).toBe('Other/2');
  });

  it('passes POST bodies and HEAD through', async () => {
    const clock = new FakeClock();
    const inner = new FakeHttp().on(/./, 'x');
    const http = polite(inner, clock);
    await http.post('http://a.test/p', { keyword: 'a b' });
    await http.head('http://a.test/h');
    expect(inner.requests[0]).toMatchObject({ method: 'POST', body: 'keyword=a+b' });
    expect(inner.requests[1]).toMatchObject({ method: 'HEAD' });
  });
});

async function flush(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}
