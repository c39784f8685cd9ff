import { mkdtempSync, promises as fs, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { download } from '../../src';
import { fakeTs, LocalServer } from '../support/local-server';

describe('HLS: the last waves are fetched as Range pieces', () => {
  let server: LocalServer;
  let dir: string;

  beforeAll(async () => {
    server = await new LocalServer().start();
  });
  afterAll(() => server.stop());
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dl-split-'));
    server.requests = [];
  });
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  function playlist(name: string, segments: Buffer[], ranges = true): string {
    const lines = ['#EXTM3U', '#EXT-X-TARGETDURATION:2'];
    segments.forEach((s, i) => {
      server.routes.set(`/${name}/s${i}.ts`, { body: s, ranges });
      lines.push('#EXTINF:2.0,', `s${i}.ts`);
    });
    lines.push('#EXT-X-ENDLIST');
    server.routes.set(`/${name}/index.m3u8`, {
      body: Buffer.from(lines.join('\n')),
      contentType: 'application/vnd.apple.mpegurl',
    });
    return `${server.baseUrl}/${name}/index.m3u8`;
  }

  const get = async (url: string): Promise<Buffer> => {
    const target = join(dir, 'out.ts');
    await download({ kind: 'hls', url, headers: {} }, target, { connections: 2, verify: false });
    return readFileSync(target);
  };

  it('splits the last 2 × connections segments in four and joins them byte for byte', async () => {
    const segments = Array.from({ length: 10 }, (_, i) => fakeTs(600 + i * 7, i + 1));
    const out = await get(playlist('split', segments));
    expect(out.equals(Buffer.concat(segments))).toBe(true);
    const ranged = server.requests.filter((r) => r.path.endsWith('.ts') && r.range);
    // Segments 6..9 (the last 2 × 2), each as bytes=0-(q-1), q-(2q-1), 2q-(3q-1) and 3q-.
    expect(new Set(ranged.map((r) => r.path))).toEqual(
      new Set(['/split/s6.ts', '/split/s7.ts', '/split/s8.ts', '/split/s9.ts']),
    );
    expect(ranged).toHaveLength(16);
    expect(ranged.filter((r) => /^bytes=\d+-$/.test(r.range ?? ''))).toHaveLength(4);
  });

  it('copes with a last segment shorter than the split points (its back pieces are empty)', async () => {
    const segments = [...Array.from({ length: 9 }, (_, i) => fakeTs(600, i + 1)), fakeTs(20, 99)];
    const out = await get(playlist('short', segments));
    expect(out.equals(Buffer.concat(segments))).toBe(true);
  });

  it('retries a failing back piece and still joins the segment byte for byte', async () => {
    const segments = Array.from({ length: 10 }, (_, i) => fakeTs(600, i + 1));
    const url = playlist('flaky', segments);
    const route = server.routes.get('/flaky/s8.ts');
    if (route) route.failBackPieces = 2;
    const target = join(dir, 'out.ts');
    await download({ kind: 'hls', url, headers: {} }, target, {
      connections: 2,
      verify: false,
      retryBaseDelayMs: 1,
    });
    expect(readFileSync(target).equals(Buffer.concat(segments))).toBe(true);
    expect(route?.failBackPieces).toBe(0);
  });

  it('fails with the typed error, and leaves nothing behind, when a back piece keeps failing', async () => {
    const segments = Array.from({ length: 10 }, (_, i) => fakeTs(600, i + 1));
    const url = playlist('broken', segments);
    const route = server.routes.get('/broken/s9.ts');
    if (route) route.failBackPieces = Infinity;
    const target = join(dir, 'out.ts');
    await expect(
      download({ kind: 'hls', url, headers: {} }, target, {
        connections: 2,
        verify: false,
        maxAttempts: 2,
        retryBaseDelayMs: 1,
      }),
    ).rejects.toMatchObject({ code: 'HTTP_STATUS', status: 503 });
    expect(await fs.readdir(dir)).toEqual([]);
  });

  it('does not split when the server ignores Range', async () => {
    const segments = Array.from({ length: 10 }, (_, i) => fakeTs(600, i + 1));
    const out = await get(playlist('noranges', segments, false));
    expect(out.equals(Buffer.concat(segments))).toBe(true);
    expect(server.requests.filter((r) => r.range)).toHaveLength(0);
  });
});
