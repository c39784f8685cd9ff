import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { download } from '../../src';
import {
  FAST,
  ffprobeDuration,
  removeDir,
  requestsUnder,
  startSandbox,
  tempDir,
  type Sandbox,
} from '../support/sandbox';

const SAMPLE_SEC = 24;

describe('HLS against the sandbox CDN', () => {
  let sb: Sandbox;
  let dir: string;
  let reference: Buffer;
  const hls = (mode: string, path = 'sample/master.m3u8') => ({
    kind: 'hls' as const,
    url: `${sb.baseUrl}/cdn/${mode}/${path}`,
    headers: {},
  });

  beforeAll(async () => {
    sb = await startSandbox({ port: 0 });
    dir = tempDir();
    const target = join(dir, 'reference.ts');
    await download(hls('hls'), target, { ...FAST, verify: false });
    reference = readFileSync(target);
  });
  afterAll(async () => {
    await sb.close();
    await removeDir(dir);
  });
  beforeEach(() => sb.resetStats());

  it('master with 2 variants: fetches only the highest one, output plays for the source duration', async () => {
    const target = join(dir, 'plain.ts');
    const r = await download(hls('hls'), target, { ...FAST, connections: 4 });
    expect(r.variant?.height).toBe(360);
    expect(r.segments).toBe(12);
    expect(requestsUnder(sb, '/240p/')).toBe(0);
    // Every segment of that variant once (the last waves come as two Range requests each).
    expect(Object.keys(sb.stats().by_path).filter((p) => p.includes('/360p/seg_'))).toHaveLength(
      12,
    );
    expect(r.verification.status).toBe('passed');
    expect(Math.abs(ffprobeDuration(target) - SAMPLE_SEC)).toBeLessThan(2);
    expect(existsSync(`${target}.part`)).toBe(false);
  });

  it('preferred height picks the other variant', async () => {
    const r = await download(hls('hls'), join(dir, 'low.ts'), {
      ...FAST,
      preferredHeight: 240,
      verify: false,
    });
    expect(r.variant?.height).toBe(240);
    expect(requestsUnder(sb, '/360p/')).toBe(0);
  });

  it.each([
    ['hls-abs', 'absolute URIs'],
    ['hls-aes', 'AES-128 with IV attribute'],
    ['hls-aes-seq', 'AES-128 with IV = media sequence (starts at 7)'],
  ])('%s (%s) yields the same bytes as plain HLS', async (mode) => {
    const target = join(dir, `${mode}.ts`);
    await download(hls(mode), target, { ...FAST, verify: false });
    expect(readFileSync(target).equals(reference)).toBe(true);
  });

  it('AES-128: the key is fetched once for all segments', async () => {
    await download(hls('hls-aes-seq'), join(dir, 'k.ts'), { ...FAST, verify: false });
    expect(requestsUnder(sb, '/keys/')).toBe(1);
  });

  it('BYTERANGE playlists read one file in ranges and play', async () => {
    const target = join(dir, 'range.ts');
    const r = await download(hls('hls-range'), target, { ...FAST, connections: 4 });
    expect(r.verification.status).toBe('passed');
    expect(Math.abs(ffprobeDuration(target) - SAMPLE_SEC)).toBeLessThan(2);
  });

  it('.mp4 target: remuxed with ffmpeg -c copy, no .ts left over', async () => {
    const target = join(dir, 'remux.mp4');
    const r = await download(hls('hls'), target, FAST);
    expect(r.remuxed).toBe(true);
    expect(r.container).toBe('mp4');
    expect(readFileSync(target).subarray(4, 8).toString()).toBe('ftyp');
    expect(Math.abs(ffprobeDuration(target) - SAMPLE_SEC)).toBeLessThan(2);
    expect(existsSync(`${target}.ts.part`)).toBe(false);
  });

  it('without ffmpeg the .ts is kept and the result says so', async () => {
    const target = join(dir, 'noff.mkv');
    const r = await download(hls('hls'), target, { ...FAST, ffmpegPath: null, verify: false });
    expect(r.path).toBe(join(dir, 'noff.ts'));
    expect(r.remuxed).toBe(false);
    expect(r.warnings.join()).toMatch(/ffmpeg not found/);
    expect(existsSync(target)).toBe(false);
  });
});
