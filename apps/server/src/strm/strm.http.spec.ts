import { type Clip, ensureClip, SAMPLE_CLIP, type Sandbox, startSandbox } from '@aniworld/sandbox';
import { releaseInfoHash } from '@aniworld/release';
import { execFile } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import type { QbitTestClient } from '../../test/helpers/qbit';
import { grabStrm, startStrmApp, type StrmTestApp, strmRelease } from '../../test/helpers/strm';
import { expectedSha256, play } from '../../test/helpers/strm-player';
import { tempDir, type TestApp } from '../../test/helpers/test-app';
import { DomainEvents, type StrmWrittenEvent } from '../common/events';
import { ResolvedStreamsService } from './resolved-streams.service';
import { signedQuery } from './strm-signature';

const run = promisify(execFile);

/** ffprobe as Jellyfin runs it on a `.strm` URL: the container's duration, and its streams. */
async function probe(url: string): Promise<{ duration: number; streams: string[] }> {
  const { stdout } = await run('ffprobe', [
    '-v',
    'error',
    '-show_entries',
    'format=duration:stream=codec_type',
    '-of',
    'json',
    url,
  ]);
  const out = JSON.parse(stdout) as {
    format: { duration: string };
    streams: { codec_type: string }[];
  };
  return { duration: Number(out.format.duration), streams: out.streams.map((s) => s.codec_type) };
}

/**
 * Each test streams episodes no other test resolved: the resolved-URL cache keeps an episode on
 * the hoster it was first resolved with, whatever the hoster order says later.
 */
describe('STRM: .strm files and the signed proxy (HTTP, real SQLite + sandbox + ffprobe)', () => {
  let sandbox: Sandbox;
  let clip: Clip;
  let t: TestApp;
  let api: StrmTestApp['api'];
  let qb: QbitTestClient;
  let useHosters: StrmTestApp['useHosters'];
  let downloads: string;
  let animeDir: string;
  const written: StrmWrittenEvent[] = [];

  const secret = () =>
    JSON.parse(readFileSync(join(t.dataDir, 'config.json'), 'utf8')).arr.strm.secret as string;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    clip = await ensureClip(SAMPLE_CLIP);
    downloads = tempDir('aniworld-strm-dl-');
    animeDir = tempDir('aniworld-strm-lib-');
    ({ t, api, qb, useHosters } = await startStrmApp(
      sandbox,
      { ARR_DOWNLOAD_DIRECTORY: downloads, ANIME_DIRECTORY: animeDir },
      // In the file, not STRM_MODE: a test below switches it off through the API.
      { arr: { strm: { mode: 'both' } } },
    ));
    t.app.get(DomainEvents).on('strm.written', (e) => written.push(e));
  }, 60_000);

  afterAll(async () => {
    await t.close();
    await sandbox.close();
    rmSync(downloads, { recursive: true, force: true });
    rmSync(animeDir, { recursive: true, force: true });
  });

  it('writes <release title>.strm for a grabbed STRM release, which completes with it as content_path', async () => {
    const id = strmRelease({ episode: 2 });
    const { torrent, url, title } = await grabStrm(qb, id);
    const path = join(downloads, 'tv-sonarr', `${title}.strm`);
    expect(title).toMatch(/ \[STRM\]$/);
    expect(torrent).toMatchObject({
      hash: releaseInfoHash(id),
      name: title,
      state: 'stoppedUP',
      progress: 1,
      content_path: path,
      save_path: join(downloads, 'tv-sonarr'),
    });
    // One line: our own stable URL naming the episode, never a hoster's.
    expect(readFileSync(path, 'utf8')).toBe(`${url}\n`);
    const parsed = new URL(url);
    expect(`${parsed.origin}${parsed.pathname}`).toBe(`${t.url}/strm/stream`);
    expect(Object.fromEntries(parsed.searchParams)).toEqual({
      site: 'aniworld',
      key: 'sternenwanderer',
      s: '1',
      e: '2',
      lang: 'german-dub',
      sig: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
    expect(written).toContainEqual({
      site: 'aniworld',
      series_key: 'sternenwanderer',
      season: 1,
      episode: 2,
      language: 'german-dub',
      path,
      target: 'download_client',
    });
    // Adding it again changes nothing; deleting with its files removes the .strm.
    expect((await qb.post('torrents/add', { urls: String(torrent['magnet_uri']) })).text).toBe(
      'Ok.',
    );
    await qb
      .post('torrents/delete', { hashes: releaseInfoHash(id), deleteFiles: 'true' })
      .expect(200);
    expect(() => readFileSync(path)).toThrow();

    // While the mode is off the feed offers no .strm releases, and a grab of one is refused.
    await api
      .put('/api/config')
      .send({ arr: { strm: { mode: 'off' } } })
      .expect(200);
    try {
      await expect(grabStrm(qb, id)).rejects.toThrow(/Fails\./);
      expect(() => readFileSync(path)).toThrow();
    } finally {
      await api
        .put('/api/config')
        .send({ arr: { strm: { mode: 'both' } } })
        .expect(200);
    }
  });

  it('ffprobe reads the right duration through the URL of a .strm: MP4, HLS, HLS with AES-128', async () => {
    const cases = [
      { hoster: 'Doodstream', episode: 4, language: 'german-dub' }, // MP4, token bound to the UA
      { hoster: 'VOE', episode: 1, language: 'german-dub' }, // HLS, relative URIs
      { hoster: 'Filemoon', episode: 1, language: 'english-sub' }, // HLS AES-128, IV in the tag
      { hoster: 'Luluvdo', episode: 3, language: 'german-sub' }, // HLS AES-128, IV = sequence
    ] as const;
    for (const c of cases) {
      await useHosters(c.hoster);
      const { url } = await grabStrm(qb, strmRelease({ episode: c.episode, language: c.language }));
      const probed = await probe(url);
      const resolved = await t.app.get(ResolvedStreamsService).current({
        site: 'aniworld',
        key: 'sternenwanderer',
        season: 1,
        episode: c.episode,
        language: c.language,
      });
      expect(resolved?.hoster).toBe(c.hoster);
      // A master's variants are programs of their own: each has audio and video.
      expect({ hoster: c.hoster, streams: [...new Set(probed.streams)].sort() }).toEqual({
        hoster: c.hoster,
        streams: ['audio', 'video'],
      });
      expect(Math.abs(probed.duration - clip.durationSec)).toBeLessThan(1);
    }
  });

  it('passes Range through: 206 with the exact bytes, Content-Range and Accept-Ranges', async () => {
    await useHosters('Doodstream');
    const { url } = await grabStrm(qb, strmRelease({ site: 'sto', episode: 2 }));
    const file = readFileSync(clip.variants[0].mp4);
    const res = await request(url).get('').set('Range', 'bytes=1000-4999').buffer(true);
    expect(res.status).toBe(206);
    expect(res.headers['content-range']).toBe(`bytes 1000-4999/${file.length}`);
    expect(res.headers['accept-ranges']).toBe('bytes');
    expect(res.headers['content-type']).toBe('video/mp4');
    expect(Buffer.compare(res.body as Buffer, file.subarray(1000, 5000))).toBe(0);
    // Only safe headers come back: nothing the hoster or its CDN set for itself.
    expect(res.headers['set-cookie']).toBeUndefined();
    const head = await request(url).head('');
    expect(head.status).toBe(200);
    expect(Number(head.headers['content-length'])).toBe(file.length);
    const whole = await play(url);
    expect(whole.sha256).toBe(expectedSha256(clip, whole));
  });

  it('refuses a forged or altered stream URL: 401 without a signature, 403 with a wrong one', async () => {
    await useHosters('VOE');
    const { url } = await grabStrm(
      qb,
      strmRelease({ site: 'sto', episode: 3, language: 'german-sub' }),
    );
    const u = new URL(url);
    const altered = new URL(url);
    altered.searchParams.set('e', '4');
    await request(altered.toString()).get('').expect(403);
    const unsigned = new URL(url);
    unsigned.searchParams.delete('sig');
    await request(unsigned.toString()).get('').expect(401);
    const forged = `${u.origin}${u.pathname}?${signedQuery(
      'not-the-server-secret-at-all',
      'stream',
      {
        site: 'aniworld',
        key: 'sternenwanderer',
        s: '1',
        e: '4',
        lang: 'german-sub',
      },
    )}`;
    await request(forged).get('').expect(403);
    // The genuine one plays.
    const playback = await play(url);
    expect(playback.sha256).toBe(expectedSha256(clip, playback));
  });

  it('proxies only what it signed: playlist URIs are signed, altered or unsigned ones are refused', async () => {
    await useHosters('VOE');
    const { url } = await grabStrm(qb, strmRelease({ episode: 4, language: 'german-sub' }));
    const master = await request(url).get('').expect(200);
    expect(master.headers['content-type']).toBe('application/vnd.apple.mpegurl');
    expect(master.headers['cache-control']).toBe('no-store');
    const variantRef = master.text.split('\n').find((l) => l && !l.startsWith('#')) as string;
    expect(variantRef).toMatch(/^proxy\/index\.m3u8\?/);
    expect(master.text).not.toContain(sandbox.baseUrl);
    const variant = new URL(variantRef, url);
    const media = await request(variant.toString()).get('').expect(200);
    const segmentRef = media.text.split('\n').find((l) => l && !l.startsWith('#')) as string;
    expect(segmentRef).toMatch(/^seg_000\.ts\?/);
    const segment = new URL(segmentRef, variant);
    const params = Object.fromEntries(segment.searchParams);
    // Signed for hours (renewed on every playlist fetch), not forever.
    const exp = Number(params['exp']) * 1000;
    expect(exp - Date.now()).toBeGreaterThan(5.9 * 3600_000);
    expect(exp - Date.now()).toBeLessThan(6.1 * 3600_000);
    const ok = await request(segment.toString()).get('').buffer(true).expect(200);
    expect(
      Buffer.compare(
        ok.body as Buffer,
        readFileSync(join(clip.variants[0].segmentDir, 'seg_000.ts')),
      ),
    ).toBe(0);

    // Another upstream URL in a signed URL: refused, not fetched.
    const elsewhere = new URL(segment);
    elsewhere.searchParams.set('u', `${sandbox.baseUrl}/cdn/mp4/sample.mp4`);
    sandbox.resetStats();
    await request(elsewhere.toString()).get('').expect(403);
    // A URL it never signed (an open proxy would fetch it).
    const unsigned = `${t.url}/strm/proxy/x.ts?${new URLSearchParams({ u: `${sandbox.baseUrl}/cdn/mp4/sample.mp4` })}`;
    await request(unsigned).get('').expect(401);
    await request(`${unsigned}&sig=${'A'.repeat(43)}`)
      .get('')
      .expect(403);
    expect(sandbox.stats().by_path['/cdn/mp4/sample.mp4']).toBeUndefined();
    // Signed with the server's secret but expired: refused too.
    const expired = new URL(segment);
    const stale = { ...params, exp: String(Math.floor(Date.now() / 1000) - 1) };
    delete (stale as Record<string, string>)['sig'];
    expired.search = signedQuery(secret(), 'proxy/seg_000.ts', stale);
    await request(expired.toString()).get('').expect(403);
  });
});
