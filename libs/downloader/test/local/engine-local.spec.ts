import { createCipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, promises as fs, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Aborted, download, LinkExpired } from '../../src';
import { fakeTs, LocalServer } from '../support/local-server';

const MiB = 1024 * 1024;

describe('engine against a plain local server', () => {
  let server: LocalServer;
  let dir: string;
  const file = randomBytes(6 * MiB + 123);

  beforeAll(async () => {
    server = await new LocalServer().start();
    server.routes.set('/v.mp4', { body: file });
    server.routes.set('/noranges.mp4', { body: file, ranges: false });
    server.routes.set('/gone.mp4', { body: file, status: 410 });
  });
  afterAll(() => server.stop());
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dl-local-'));
    server.bytesServed = 0;
    server.requests = [];
  });
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  it('MP4: fetches ranged parts in parallel into one identical file', async () => {
    const target = join(dir, 'v.mp4');
    const r = await download({ kind: 'mp4', url: `${server.baseUrl}/v.mp4`, headers: {} }, target, {
      connections: 4,
      verify: false,
    });
    expect(readFileSync(target).equals(file)).toBe(true);
    expect(r.bytes).toBe(file.length);
    expect(
      server.requests.filter((q) => q.range && q.range !== 'bytes=0-0').length,
    ).toBeGreaterThanOrEqual(4);
    expect(existsSync(`${target}.part`) || existsSync(`${target}.part.json`)).toBe(false);
  });

  it('MP4: resumes from the ranges the state file lists', async () => {
    const target = join(dir, 'v.mp4');
    const have = 4 * MiB;
    const partial = Buffer.alloc(file.length);
    file.copy(partial, 0, 0, have);
    writeFileSync(`${target}.part`, partial.subarray(0, have));
    writeFileSync(
      `${target}.part.json`,
      JSON.stringify({ version: 1, kind: 'mp4', size: file.length, done: [[0, have]] }),
    );
    const r = await download({ kind: 'mp4', url: `${server.baseUrl}/v.mp4`, headers: {} }, target, {
      connections: 2,
      verify: false,
    });
    expect(r.resumed).toBe(true);
    expect(r.resumedBytes).toBe(have);
    expect(readFileSync(target).equals(file)).toBe(true);
    expect(server.bytesServed).toBeLessThanOrEqual(file.length - have + 1);
  });

  it('MP4: falls back to one stream when the server ignores Range', async () => {
    const target = join(dir, 'n.mp4');
    await download({ kind: 'mp4', url: `${server.baseUrl}/noranges.mp4`, headers: {} }, target, {
      verify: false,
    });
    expect(readFileSync(target).equals(file)).toBe(true);
  });

  it('410 becomes LinkExpired and leaves no file under the final name', async () => {
    const target = join(dir, 'g.mp4');
    await expect(
      download({ kind: 'mp4', url: `${server.baseUrl}/gone.mp4`, headers: {} }, target, {
        verify: false,
      }),
    ).rejects.toBeInstanceOf(LinkExpired);
    expect(existsSync(target)).toBe(false);
  });

  it('an aborted download throws Aborted and keeps the partial file for a resume', async () => {
    const target = join(dir, 'a.mp4');
    const ac = new AbortController();
    const run = download({ kind: 'mp4', url: `${server.baseUrl}/v.mp4`, headers: {} }, target, {
      connections: 2,
      verify: false,
      bandwidthLimit: 2 * MiB,
      signal: ac.signal,
      onProgress: (e) => e.bytesDone > MiB && ac.abort(),
    });
    await expect(run).rejects.toBeInstanceOf(Aborted);
    expect(existsSync(target)).toBe(false);
    expect(existsSync(`${target}.part`)).toBe(true);
    const state = JSON.parse(readFileSync(`${target}.part.json`, 'utf8')) as {
      done: [number, number][];
    };
    expect(state.done.length).toBeGreaterThan(0);
  });

  it('HLS: AES-128 with the sequence-number IV, written in order', async () => {
    const key = randomBytes(16);
    const plain: Buffer[] = [];
    const lines = [
      '#EXTM3U',
      '#EXT-X-TARGETDURATION:2',
      '#EXT-X-MEDIA-SEQUENCE:7',
      '#EXT-X-KEY:METHOD=AES-128,URI="/keys/k"',
    ];
    for (let i = 0; i < 9; i++) {
      const seg = fakeTs(300 + i * 17, i + 1);
      plain.push(seg);
      const iv = Buffer.alloc(16);
      iv.writeUInt32BE(7 + i, 12);
      const c = createCipheriv('aes-128-cbc', key, iv);
      server.routes.set(`/hls/s${i}.ts`, { body: Buffer.concat([c.update(seg), c.final()]) });
      lines.push('#EXTINF:2.0,', `s${i}.ts`);
    }
    lines.push('#EXT-X-ENDLIST');
    server.routes.set('/hls/index.m3u8', {
      body: Buffer.from(lines.join('\n')),
      contentType: 'application/vnd.apple.mpegurl',
    });
    server.routes.set('/keys/k', { body: key });
    const target = join(dir, 'e.ts');
    const r = await download(
      { kind: 'hls', url: `${server.baseUrl}/hls/index.m3u8`, headers: {} },
      target,
      { connections: 4, verify: false },
    );
    expect(readFileSync(target).equals(Buffer.concat(plain))).toBe(true);
    expect(r.segments).toBe(9);
    expect(server.requests.filter((q) => q.path === '/keys/k')).toHaveLength(1);
  });
});
