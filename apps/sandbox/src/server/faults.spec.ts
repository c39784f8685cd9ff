import { connect } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { startSandbox, type Sandbox } from '../sandbox';
import { fetchRaw } from '../testing/http-client';
import { VirtualTiming } from '../testing/virtual-timing';
import { FAKE_PNG_HEADER } from './deliver';
import { FaultSpecError, parseFaultSpec } from './faults';

jest.setTimeout(120_000);

let sb: Sandbox;
const timing = new VirtualTiming();
const seg = (): string => `${sb.baseUrl}/cdn/hls/sample/240p/seg_001.ts`;
let plain: Buffer;

/** Sends both requests in one write on one socket (HTTP/1.1 pipelining) and splits the two responses. */
function pipelinedPair(paths: [string, string]): Promise<Buffer[]> {
  const { hostname, port } = new URL(sb.baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const parts: Buffer[] = [];
    socket.on('data', (c: Buffer) => parts.push(c));
    socket.on('error', reject);
    socket.on('end', () => {
      let raw = Buffer.concat(parts);
      const bodies: Buffer[] = [];
      while (raw.length > 0) {
        const headEnd = raw.indexOf('\r\n\r\n');
        const length = Number(
          /content-length: *(\d+)/i.exec(raw.subarray(0, headEnd).toString())?.[1],
        );
        bodies.push(raw.subarray(headEnd + 4, headEnd + 4 + length));
        raw = raw.subarray(headEnd + 4 + length);
      }
      resolve(bodies);
    });
    const req = (path: string, last: boolean): string =>
      `GET ${path} HTTP/1.1\r\nHost: ${hostname}\r\nConnection: ${last ? 'close' : 'keep-alive'}\r\n\r\n`;
    socket.write(req(paths[0], false) + req(paths[1], true));
  });
}

beforeAll(async () => {
  sb = await startSandbox({ timing });
  plain = (await fetchRaw(seg())).body;
});
afterAll(() => sb.close());
beforeEach(() => {
  timing.reset();
  sb.clearFaults();
  sb.resetStats();
});

describe('parseFaultSpec', () => {
  it('parses every key', () => {
    expect(
      parseFaultSpec(
        'latency=5;rate=100;status=500;failFirst=2;drop=10;dropFirst=1;stall=7;ttfb=3;challenge=turnstile;expired=1;gzip=1;fakeHeader=png',
      ),
    ).toEqual({
      latency: 5,
      rate: 100,
      status: 500,
      failFirst: 2,
      drop: 10,
      dropFirst: 1,
      stall: 7,
      ttfb: 3,
      challenge: 'turnstile',
      expired: true,
      gzip: true,
      fakeHeader: 'png',
    });
  });

  it('rejects unknown keys and bad values', () => {
    expect(() => parseFaultSpec('latncy=5')).toThrow(FaultSpecError);
    expect(() => parseFaultSpec('rate=fast')).toThrow(FaultSpecError);
    expect(() => parseFaultSpec('challenge=recaptcha')).toThrow(FaultSpecError);
  });
});

describe('fault injection', () => {
  it('latency pauses before the headers', async () => {
    const res = await fetchRaw(`${seg()}?fault=latency=250`);
    expect(res.status).toBe(200);
    expect(timing.pauses).toEqual([250]);
  });

  it('ttfb pauses after the headers, before the body', async () => {
    const res = await fetchRaw(`${sb.baseUrl}/cdn/_f/ttfb=300/hls/sample/240p/seg_001.ts`);
    expect(res.body.equals(plain)).toBe(true);
    expect(timing.pauses).toEqual([300]);
  });

  it('stall pauses once in the middle of the body', async () => {
    const res = await fetchRaw(`${seg()}?fault=stall=400`);
    expect(res.body.equals(plain)).toBe(true);
    expect(timing.pauses).toEqual([400]);
  });

  it('rate paces the body to the given bytes per second', async () => {
    const rate = 50_000;
    const res = await fetchRaw(`${seg()}?fault=rate=${rate}`);
    expect(res.body.equals(plain)).toBe(true);
    const expected = (plain.length / rate) * 1000;
    expect(timing.total()).toBeGreaterThan(expected * 0.9);
    expect(timing.total()).toBeLessThanOrEqual(expected + 1);
    expect(timing.pauses.length).toBeGreaterThan(5);
  });

  it('rate caps the connection: two pipelined responses on one socket share the budget', async () => {
    const rate = 50_000;
    const second = (await fetchRaw(`${sb.baseUrl}/cdn/hls/sample/240p/seg_002.ts`)).body;
    timing.reset();
    const bodies = await pipelinedPair([
      `/cdn/_f/rate=${rate}/hls/sample/240p/seg_001.ts`,
      `/cdn/_f/rate=${rate}/hls/sample/240p/seg_002.ts`,
    ]);
    expect(bodies).toHaveLength(2);
    expect(bodies[0].equals(plain)).toBe(true);
    expect(bodies[1].equals(second)).toBe(true);
    // Virtual time passes only in pauses, so their sum is how long the socket took for both bodies.
    const together = ((plain.length + second.length) / rate) * 1000;
    expect(timing.total()).toBeGreaterThan(together * 0.95);
    expect(timing.total()).toBeLessThanOrEqual(together + 1);
  });

  it('status answers with that code', async () => {
    expect((await fetchRaw(`${seg()}?fault=status=500`)).status).toBe(500);
  });

  it('failFirst fails only the first n requests per path, 503 by default', async () => {
    const url = `${sb.baseUrl}/cdn/_f/failFirst=2/hls/sample/240p/seg_001.ts`;
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await fetchRaw(url)).status);
    expect(codes).toEqual([503, 503, 200]);
    const other = `${sb.baseUrl}/cdn/_f/failFirst=1;status=429/hls/sample/240p/seg_002.ts`;
    expect((await fetchRaw(other)).status).toBe(429);
    expect((await fetchRaw(other)).status).toBe(200);
  });

  it('drop cuts the connection after that many body bytes', async () => {
    const res = await fetchRaw(`${seg()}?fault=drop=1000`);
    expect(res.status).toBe(200);
    expect(res.aborted).toBe(true);
    expect(res.body.length).toBe(1000);
    expect(sb.stats().bytes_served).toBe(1000);
  });

  it('dropFirst limits drop to the first n requests per path', async () => {
    sb.setFaults('cdn', 'drop=10;dropFirst=1');
    const first = await fetchRaw(seg());
    const second = await fetchRaw(seg());
    expect(first.aborted).toBe(true);
    expect(first.body.length).toBe(10);
    expect(second.aborted).toBe(false);
    expect(second.body.equals(plain)).toBe(true);
  });

  it.each([
    ['cloudflare', 403, /<title>Just a moment\.\.\.<\/title>/],
    ['ddos-guard', 403, /ddos-guard/i],
    [
      'turnstile',
      200,
      /<title>Stream wird vorbereitet\.\.\.<\/title>[\s\S]*player-prepare-turnstile/,
    ],
  ])('challenge=%s answers an interstitial', async (kind, status, marker) => {
    const res = await fetchRaw(`${seg()}?fault=challenge=${kind}`);
    expect(res.status).toBe(status);
    expect(res.body.toString()).toMatch(marker);
  });

  it('expired answers 403 link expired', async () => {
    const res = await fetchRaw(`${seg()}?fault=expired=1`);
    expect(res.status).toBe(403);
    expect(res.body.toString()).toContain('expired');
  });

  it('gzip encodes segments', async () => {
    const res = await fetchRaw(`${seg()}?fault=gzip=1`);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(res.body).equals(plain)).toBe(true);
  });

  it('pad streams the page followed by filler, chunked, up to the given size', async () => {
    const res = await fetchRaw(`${sb.baseUrl}/aniworld/?fault=pad=300000`);
    expect(res.headers['content-length']).toBeUndefined();
    expect(res.body.length).toBe(300_000);
    expect(res.body.toString('utf8', 0, 200)).toContain('<');
  });

  it('bomb answers gzip that inflates to the given MiB of zeros', async () => {
    const res = await fetchRaw(`${sb.baseUrl}/aniworld/?fault=bomb=3`);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.body.length).toBeLessThan(64 * 1024);
    const inflated = gunzipSync(res.body);
    expect(inflated.length).toBe(3 * 1024 * 1024);
    expect(inflated.every((b) => b === 0)).toBe(true);
  });

  it('fakeHeader=png puts a PNG header before the TS data', async () => {
    const res = await fetchRaw(`${seg()}?fault=fakeHeader=png`);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.body.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(res.body.subarray(FAKE_PNG_HEADER.length).equals(plain)).toBe(true);
  });

  it('per-prefix faults apply to every path below the prefix and can be cleared', async () => {
    sb.setFaults('cdn', 'status=502');
    expect((await fetchRaw(`${sb.baseUrl}/cdn/hls/sample/master.m3u8`)).status).toBe(502);
    expect(sb.faults()).toEqual({ cdn: 'status=502' });
    sb.clearFaults('cdn');
    expect((await fetchRaw(`${sb.baseUrl}/cdn/hls/sample/master.m3u8`)).status).toBe(200);
  });

  it('is configurable over HTTP with PUT and DELETE /_sandbox/faults', async () => {
    const put = await fetchRaw(`${sb.baseUrl}/_sandbox/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ cdn: 'expired=1' }),
    });
    expect(put.status).toBe(200);
    expect((await fetchRaw(seg())).status).toBe(403);
    await fetchRaw(`${sb.baseUrl}/_sandbox/faults`, { method: 'DELETE' });
    expect((await fetchRaw(seg())).status).toBe(200);
    const bad = await fetchRaw(`${sb.baseUrl}/_sandbox/faults`, {
      method: 'PUT',
      body: '{"cdn":"nope=1"}',
    });
    expect(bad.status).toBe(400);
  });

  it('relative playlist URIs keep the fault segment', async () => {
    const res = await fetchRaw(`${sb.baseUrl}/cdn/_f/expired=1/hls/sample/master.m3u8`);
    expect(res.status).toBe(403);
    const master = await fetchRaw(`${sb.baseUrl}/cdn/_f/latency=1/hls/sample/master.m3u8`);
    const variant =
      master.body
        .toString()
        .split('\n')
        .find((l) => l.endsWith('index.m3u8')) ?? '';
    const resolved = new URL(variant, `${sb.baseUrl}/cdn/_f/latency=1/hls/sample/master.m3u8`)
      .pathname;
    expect(resolved).toBe('/cdn/_f/latency=1/hls/sample/360p/index.m3u8');
  });

  it('rejects a malformed spec with 400', async () => {
    expect((await fetchRaw(`${seg()}?fault=bogus=1`)).status).toBe(400);
  });
});
