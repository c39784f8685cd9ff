import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  download,
  LinkExpired,
  silentLogger,
  StalledError,
  TooSlow,
  type DownloadLogger,
} from '../../src';
import { FAST, removeDir, startSandbox, tempDir, type Sandbox } from '../support/sandbox';

describe('fault injection (sandbox CDN)', () => {
  let sb: Sandbox;
  let dir: string;
  let reference: Buffer;
  let referenceMp4: Buffer;
  const media = (spec: string, path: string) => `${sb.baseUrl}/cdn/_f/${spec}/${path}`;
  const hls = (spec: string, mode = 'hls') => ({
    kind: 'hls' as const,
    url: media(spec, `${mode}/sample/360p/index.m3u8`),
    headers: {},
  });

  beforeAll(async () => {
    sb = await startSandbox({ port: 0 });
    dir = tempDir();
    await download(
      { kind: 'hls', url: `${sb.baseUrl}/cdn/hls/sample/360p/index.m3u8`, headers: {} },
      join(dir, 'ref.ts'),
      { ...FAST, verify: false },
    );
    reference = readFileSync(join(dir, 'ref.ts'));
    await download(
      { kind: 'mp4', url: `${sb.baseUrl}/cdn/mp4/sample.mp4`, headers: {} },
      join(dir, 'ref.mp4'),
      { ...FAST, verify: false },
    );
    referenceMp4 = readFileSync(join(dir, 'ref.mp4'));
  });
  afterAll(async () => {
    await sb.close();
    await removeDir(dir);
  });
  beforeEach(() => {
    sb.clearFaults();
    sb.resetStats();
  });

  it.each([
    ['connection dropped mid-segment', 'drop=30000;dropFirst=1'],
    ['5xx then success', 'status=503;failFirst=2'],
    ['slow first byte', 'ttfb=300'],
    ['gzip-encoded segments', 'gzip=1'],
    ['fake PNG header before the TS data', 'fakeHeader=png'],
  ])('HLS survives %s with identical output', async (_name, spec) => {
    const target = join(dir, `f-${spec.replace(/\W/g, '_')}.ts`);
    await download(hls(spec), target, { ...FAST, connections: 4, verify: false });
    expect(readFileSync(target).equals(reference)).toBe(true);
  });

  it('AES segments dropped mid-body are fetched again and decrypt', async () => {
    const target = join(dir, 'aes-drop.ts');
    await download(hls('drop=20000;dropFirst=1', 'hls-aes-seq'), target, {
      ...FAST,
      verify: false,
    });
    expect(readFileSync(target).equals(reference)).toBe(true);
  });

  it('403 "link expired" becomes LinkExpired, nothing under the final name', async () => {
    const target = join(dir, 'expired.ts');
    await expect(
      download(hls('expired=1'), target, { ...FAST, verify: false }),
    ).rejects.toBeInstanceOf(LinkExpired);
    expect(existsSync(target)).toBe(false);
  });

  it('a segment that always stalls fails the download with StalledError, never a hole', async () => {
    const target = join(dir, 'stall.ts');
    sb.setFaults('cdn', 'stall=3000');
    const run = download(
      { kind: 'hls', url: `${sb.baseUrl}/cdn/hls/sample/360p/index.m3u8`, headers: {} },
      target,
      {
        ...FAST,
        stallTimeoutMs: 300,
        maxAttempts: 2,
        verify: false,
      },
    );
    await expect(run).rejects.toBeInstanceOf(StalledError);
    expect(existsSync(target)).toBe(false);
    expect(existsSync(`${target}.part`)).toBe(false);
  });

  it('a stalled request is aborted by the watchdog and retried', async () => {
    const target = join(dir, 'stall-once.ts');
    sb.setFaults('cdn', 'stall=5000');
    let retries = 0;
    const logger: DownloadLogger = {
      ...silentLogger,
      // The first retry proves the watchdog fired; from then on the CDN behaves.
      warn: (m, meta) => {
        if (m.startsWith('retrying') && meta?.['error'] === 'STALLED') retries++;
        sb.clearFaults();
      },
    };
    await download(
      { kind: 'hls', url: `${sb.baseUrl}/cdn/hls/sample/360p/index.m3u8`, headers: {} },
      target,
      {
        ...FAST,
        stallTimeoutMs: 300,
        logger,
        verify: false,
      },
    );
    expect(readFileSync(target).equals(reference)).toBe(true);
    expect(retries).toBeGreaterThanOrEqual(1);
    // The playlist and 12 segments, plus the stalled request(s).
    expect(sb.stats().requests).toBeGreaterThan(13);
  });

  it('a CDN that trickles (never idle, far too slow) fails with TooSlow, not after every retry', async () => {
    // 600 B/s per connection, bytes every few hundred ms: the idle watchdog never fires.
    sb.setFaults('cdn', 'rate=600');
    const target = join(dir, 'trickle.mp4');
    let retried = 0;
    const run = download(
      { kind: 'mp4', url: `${sb.baseUrl}/cdn/mp4/sample.mp4`, headers: {} },
      target,
      {
        ...FAST,
        connections: 2,
        minThroughput: { bytesPerSecond: 64 * 1024, windowMs: 1000 },
        logger: { ...silentLogger, warn: (m) => void (m.startsWith('retrying') && retried++) },
        verify: false,
      },
    );
    await expect(run).rejects.toBeInstanceOf(TooSlow);
    await expect(run).rejects.toMatchObject({ code: 'STALLED', minBytesPerSecond: 64 * 1024 });
    expect(retried).toBe(0);
    expect(existsSync(target)).toBe(false);
  });

  it('a 20 MB "playlist" is refused as InvalidMedia instead of being read into memory', async () => {
    const target = join(dir, 'huge-playlist.ts');
    await expect(
      download(hls(`pad=${20 * 1024 * 1024}`), target, { ...FAST, verify: false }),
    ).rejects.toMatchObject({ code: 'INVALID_MEDIA', message: expect.stringMatching(/more than/) });
    expect(existsSync(target)).toBe(false);
  });

  it('the throughput rule leaves a download alone that keeps up with it', async () => {
    const target = join(dir, 'fast-enough.ts');
    await download(hls('rate=2000000'), target, {
      ...FAST,
      minThroughput: { bytesPerSecond: 4 * 1024, windowMs: 1000 },
      verify: false,
    });
    expect(readFileSync(target).equals(reference)).toBe(true);
  });

  it('MP4: dropped connections resume their part where they broke', async () => {
    const target = join(dir, 'drop.mp4');
    await download(
      { kind: 'mp4', url: media('drop=300000;dropFirst=2', 'mp4/sample.mp4'), headers: {} },
      target,
      {
        ...FAST,
        connections: 2,
        verify: false,
      },
    );
    expect(readFileSync(target).equals(referenceMp4)).toBe(true);
    expect(sb.stats().bytes_served).toBeLessThan(referenceMp4.length * 1.2);
  });

  it('MP4: 5xx then success on the ranged requests', async () => {
    const target = join(dir, 'fail.mp4');
    await download(
      { kind: 'mp4', url: media('status=500;failFirst=3', 'mp4/sample.mp4'), headers: {} },
      target,
      { ...FAST, verify: false },
    );
    expect(readFileSync(target).equals(referenceMp4)).toBe(true);
  });
});
