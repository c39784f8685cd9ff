import { type Clip, ensureClip, SAMPLE_CLIP, type Sandbox, startSandbox } from '@aniworld/sandbox';
import type { ReleaseIdentity } from '@aniworld/release';
import { HOSTER_NAMES } from '@aniworld/contracts';
import { get, type ClientRequest } from 'node:http';
import { rmSync, statSync } from 'node:fs';
import request from 'supertest';
import type { QbitTestClient } from '../../test/helpers/qbit';
import {
  grabStrm,
  startStrmApp,
  type StrmTestApp,
  strmRelease,
  TWENTY_EPISODES,
} from '../../test/helpers/strm';
import { expectedSha256, play, playHls, playMp4 } from '../../test/helpers/strm-player';
import { tempDir, type TestApp } from '../../test/helpers/test-app';
import { waitUntil } from '../../test/helpers/wait';
import { StrmProxyService } from './strm-proxy.service';

/** Requests the sandbox counted for paths matching `pattern`. */
function requestsTo(sandbox: Sandbox, pattern: RegExp): number {
  return Object.entries(sandbox.stats().by_path)
    .filter(([path]) => pattern.test(path))
    .reduce((sum, [, s]) => sum + s.requests, 0);
}

/** A site's episode page is read once per resolution of that episode (it is never cached). */
const episodePage = (key: string, season: number, episode: number) =>
  new RegExp(`^/aniworld/anime/stream/${key}/staffel-${season}/episode-${episode}$`);

/**
 * The proxy under playback: links expiring mid-read, a client hanging up, the per-client limit,
 * many players at once. Every test streams episodes no other test here resolved.
 */
describe('STRM proxy under playback (HTTP, real SQLite + sandbox)', () => {
  let sandbox: Sandbox;
  let clip: Clip;
  let t: TestApp;
  let api: StrmTestApp['api'];
  let qb: QbitTestClient;
  let useHosters: StrmTestApp['useHosters'];
  let downloads: string;

  const load = () => t.app.get(StrmProxyService).load();
  const url = async (id: ReleaseIdentity) => (await grabStrm(qb, id)).url;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    clip = await ensureClip(SAMPLE_CLIP);
    downloads = tempDir('aniworld-strm-proxy-');
    ({ t, api, qb, useHosters } = await startStrmApp(sandbox, {
      ARR_DOWNLOAD_DIRECTORY: downloads,
      STRM_MODE: 'only',
    }));
  }, 60_000);

  beforeEach(() => sandbox.resetStats());
  afterEach(() => sandbox.clearFaults());

  afterAll(async () => {
    await t.close();
    await sandbox.close();
    rmSync(downloads, { recursive: true, force: true });
  });

  it('MP4: the link expires mid-read; the read completes byte-exact with one re-resolution', async () => {
    await useHosters('Doodstream');
    const stream = await url(strmRelease({ seriesKey: 'maedchen-und-drachen', episode: 1 }));
    const size = statSync(clip.variants[0].mp4).size;
    const page = episodePage('maedchen-und-drachen', 1, 1);
    const issued = () =>
      Object.keys(sandbox.stats().by_path).filter((p) => p.startsWith('/cdn/_g/dood/dl/'));
    const expired = { link: '' };
    const playback = await playMp4(stream, {
      chunkBytes: 128 * 1024,
      onProgress: (bytes) => {
        if (expired.link || bytes < size / 2) return;
        // The hoster's link dies: its own path answers "403 Link expired" from now on.
        [expired.link] = issued();
        sandbox.setFaults(expired.link.slice(1).replace('/_g/dood/', '/'), 'expired=1');
      },
    });
    expect(playback.bytes).toBe(size);
    expect(playback.sha256).toBe(expectedSha256(clip, playback));
    expect(expired.link).toMatch(/^\/cdn\/_g\/dood\/dl\//);
    // Resolved twice: at the start and once after the expiry, never again.
    expect(requestsTo(sandbox, page)).toBe(2);
    const links = issued();
    expect(links).toHaveLength(2);
    expect(sandbox.stats().by_path[expired.link].requests).toBeGreaterThan(1);
  });

  it('HLS: a segment refused mid-read is fetched from a new resolution; the rest follow it without resolving again', async () => {
    await useHosters('VOE');
    const stream = await url(strmRelease({ seriesKey: 'maedchen-und-drachen', episode: 2 }));
    const page = episodePage('maedchen-und-drachen', 1, 2);
    // Segment 5 of 12 answers 403 once, as a CDN does when the link's token has run out.
    sandbox.setFaults('cdn/hls/sample/360p/seg_005.ts', 'status=403;failFirst=1');
    const playback = await playHls(stream);
    expect(playback.sha256).toBe(expectedSha256(clip, playback));
    expect(requestsTo(sandbox, /^\/cdn\/_g\/voe\/hls\/sample\/360p\/seg_005\.ts$/)).toBe(2);
    expect(requestsTo(sandbox, page)).toBe(2);
    // Segments 6… carry URLs signed from the first resolution: mapped to the new one, no third.
    expect(requestsTo(sandbox, /^\/cdn\/_g\/voe\/hls\/sample\/360p\/seg_011\.ts$/)).toBe(1);
  });

  it('a client that hangs up stops the upstream request', async () => {
    await useHosters('Doodstream');
    const stream = await url(strmRelease({ site: 'sto', seriesKey: 'maedchen-und-drachen' }));
    const size = statSync(clip.variants[0].mp4).size;
    // A slow CDN: the whole file would take over a minute.
    sandbox.setFaults('cdn/dl', 'rate=32768');
    let req: ClientRequest | undefined;
    await new Promise<void>((resolve, reject) => {
      req = get(stream, (res) => {
        res.once('data', () => resolve());
        res.once('error', () => undefined);
      });
      req.on('error', () => undefined);
      req.on('response', (res) => {
        if (res.statusCode !== 200) reject(new Error(`status ${res.statusCode}`));
      });
    });
    expect(load()).toEqual({ requests: 1, upstreamBodies: 1 });
    req?.destroy();
    await waitUntil(
      () => load().requests === 0 && load().upstreamBodies === 0,
      'the upstream request to end with the client',
    );
    const served = requestsTo(sandbox, /^\/cdn\/_g\/dood\/dl\//);
    expect(served).toBe(1);
    const bytes = Object.entries(sandbox.stats().by_path)
      .filter(([p]) => p.startsWith('/cdn/_g/dood/dl/'))
      .reduce((sum, [, s]) => sum + s.bytes, 0);
    expect(bytes).toBeLessThan(size / 2);
  });

  it('limits the requests one client has in flight (429 with Retry-After), and frees them', async () => {
    await useHosters('Doodstream');
    await api
      .put('/api/config')
      .send({ arr: { strm: { max_requests_per_client: 2 } } })
      .expect(200);
    const stream = await url(
      strmRelease({ site: 'sto', seriesKey: 'maedchen-und-drachen', episode: 3 }),
    );
    sandbox.setFaults('cdn/dl', 'rate=16384');
    const held: ClientRequest[] = [];
    try {
      for (let i = 0; i < 2; i++) {
        const req = get(stream);
        req.on('error', () => undefined);
        held.push(req);
      }
      await waitUntil(() => load().requests === 2, 'two streams in flight');
      const refused = await request(stream).head('');
      expect(refused.status).toBe(429);
      expect(refused.headers['retry-after']).toBe('1');
      for (const req of held) req.destroy();
      await waitUntil(() => load().requests === 0, 'the streams to end');
      sandbox.clearFaults();
      await request(stream).head('').expect(200);
    } finally {
      for (const req of held) req.destroy();
      await api
        .put('/api/config')
        .send({ arr: { strm: { max_requests_per_client: 32 } } })
        .expect(200);
    }
  });

  it('20 players of different episodes at once: every read completes with the right bytes', async () => {
    await useHosters(...HOSTER_NAMES);
    const urls = [];
    for (const e of TWENTY_EPISODES) urls.push(await url(strmRelease(e)));
    expect(new Set(urls).size).toBe(20);
    let peak = 0;
    const playbacks = await Promise.all(
      urls.map((u) =>
        play(u, {
          onProgress: () => {
            peak = Math.max(peak, load().requests);
          },
        }),
      ),
    );
    for (const p of playbacks) expect(p.sha256).toBe(expectedSha256(clip, p));
    // MP4 and HLS, clear and encrypted, byte ranges: the hosters of the catalogue as they come.
    expect(new Set(playbacks.map((p) => `${p.kind}${p.byteRange ? '+range' : ''}`))).toEqual(
      new Set(['mp4', 'hls', 'hls+range']),
    );
    expect(peak).toBeGreaterThan(1);
    await waitUntil(
      () => load().requests === 0 && load().upstreamBodies === 0,
      'every proxied request and upstream body to be closed',
    );
  });
});
