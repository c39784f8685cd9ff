import { type Sandbox, startSandbox } from '@aniworld/sandbox';
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import request from 'supertest';
import {
  type ReleaseIdentity,
  releaseInfoHash,
  releaseMagnet,
  releaseTitle,
  releaseTorrentFile,
} from '@aniworld/release';
import { allItems, queueSnapshot } from '../../../test/helpers/queue';
import { QbitTestClient } from '../../../test/helpers/qbit';
import {
  FAST_PROVIDERS,
  startTestApp,
  tempDir,
  type TestApp,
} from '../../../test/helpers/test-app';
import { waitUntil } from '../../../test/helpers/wait';

/** The fields Sonarr reads from `torrents/info` (ARR-PROTOCOLS §1.4) and their JSON types. */
const SONARR_FIELDS: Record<string, 'string' | 'number'> = {
  hash: 'string',
  name: 'string',
  size: 'number',
  progress: 'number',
  eta: 'number',
  state: 'string',
  category: 'string',
  save_path: 'string',
  content_path: 'string',
  ratio: 'number',
  ratio_limit: 'number',
  seeding_time_limit: 'number',
  inactive_seeding_time_limit: 'number',
  last_activity: 'number',
  seeding_time: 'number',
};

const id = (over: Partial<ReleaseIdentity> = {}): ReleaseIdentity => ({
  site: 'aniworld',
  seriesKey: 'sternenwanderer',
  season: 1,
  episode: 1,
  language: 'german-dub',
  mode: 'download',
  ...over,
});

function hasVideo(path: string): boolean {
  const out = execFileSync('ffprobe', [
    '-v',
    'error',
    '-show_entries',
    'stream=codec_type',
    '-of',
    'csv=p=0',
    path,
  ]).toString();
  return out.split(/\s+/).includes('video');
}

function base32(bytes: Buffer): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const b of bytes) bits += b.toString(2).padStart(8, '0');
  let out = '';
  for (let i = 0; i < bits.length; i += 5)
    out += alphabet[parseInt(bits.slice(i, i + 5).padEnd(5, '0'), 2)];
  return out;
}

describe('qBittorrent WebAPI v2 surface (ARR-PROTOCOLS §1.11, HTTP, real SQLite + sandbox)', () => {
  let sandbox: Sandbox;
  let t: TestApp;
  let api: ReturnType<TestApp['api']>;
  let qb: QbitTestClient;
  let password: string;
  let animeDir: string;
  let downloads: string;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    animeDir = tempDir('aniworld-anime-');
    downloads = tempDir('aniworld-arr-');
    t = await startTestApp(
      {
        ANIWORLD_BASE_URL: `${sandbox.baseUrl}/aniworld`,
        STO_BASE_URL: `${sandbox.baseUrl}/sto`,
        ANIME_DIRECTORY: animeDir,
        ARR_DOWNLOAD_DIRECTORY: downloads,
      },
      {
        settings: {
          ...FAST_PROVIDERS,
          // Low on purpose: the surface must not be subject to the app's general limit.
          security: { rate_limit_per_minute: 20 },
          downloads: { max_retries: 1, retry_backoff_seconds: 1, concurrency: 1 },
        },
      },
    );
    api = t.api(await t.setUp());
    password = (await api.get('/api/arr/credentials').expect(200)).body.qbittorrent.password;
    qb = new QbitTestClient(t.url, 'admin', password);
  }, 60_000);

  afterAll(async () => {
    await t.close();
    await sandbox.close();
    rmSync(animeDir, { recursive: true, force: true });
    rmSync(downloads, { recursive: true, force: true });
  });

  beforeEach(async () => {
    qb.cookie = null;
    expect((await qb.login()).text).toBe('Ok.');
  });

  afterEach(async () => {
    await qb.post('torrents/delete', { hashes: 'all', deleteFiles: 'true' }).expect(200);
  });

  const info = async (query: Record<string, string> = {}) =>
    (await qb.get('torrents/info', query).expect(200)).body as Record<string, unknown>[];

  it('QB-1: app/webapiVersion without a session is 403, never 404 or 401', async () => {
    await request(t.url).get('/api/v2/app/webapiVersion').expect(403);
  });

  it('QB-2: the version parses as x.y.z, text/plain', async () => {
    const res = await qb.get('app/webapiVersion').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toMatch(/^\d+\.\d+(\.\d+)?$/);
    expect((await qb.get('app/version').expect(200)).text).toMatch(/^v\d+\.\d+\.\d+$/);
  });

  it('QB-3: login sets a cookie; bad credentials are Fails.; HTTP Basic alone works', async () => {
    const fresh = new QbitTestClient(t.url);
    const ok = await fresh.login('admin', password);
    expect(ok.status).toBe(200);
    expect(ok.text).toBe('Ok.');
    expect(ok.headers['content-type']).toMatch(/^text\/plain/);
    expect((ok.headers['set-cookie'] as unknown as string[])[0]).toMatch(/^SID=[^;]+; HttpOnly/);
    const bad = await new QbitTestClient(t.url).login('admin', 'wrong');
    expect([bad.status, bad.text]).toEqual([200, 'Fails.']);
    expect(bad.headers['set-cookie']).toBeUndefined();

    const basic = `Basic ${Buffer.from(`admin:${password}`).toString('base64')}`;
    await request(t.url).get('/api/v2/app/preferences').set('Authorization', basic).expect(200);
    // Radarr's empty `:` is "no credentials": 403 (Sonarr then logs in), not 401.
    await request(t.url)
      .get('/api/v2/app/preferences')
      .set('Authorization', 'Basic Og==')
      .expect(403);
    const wrongBasic = `Basic ${Buffer.from('admin:nope').toString('base64')}`;
    await request(t.url).get('/api/v2/torrents/info').set('Authorization', wrongBasic).expect(403);
  });

  it('QB-4: urlencoded and multipart bodies; booleans in any case', async () => {
    await qb.post('torrents/createCategory', { category: 'form-cat' }).expect(200);
    await qb.multipart('torrents/createCategory', { category: 'multi-cat' }).expect(200);
    const cats = (await qb.get('torrents/categories').expect(200)).body;
    expect(Object.keys(cats)).toEqual(expect.arrayContaining(['form-cat', 'multi-cat']));

    const magnet = releaseMagnet(id({ episode: 2 }), 'Sternenwanderer.S01E02.WEB.GER-ANIWORLD');
    const add = await qb
      .post('torrents/add', { urls: magnet, category: 'form-cat', paused: 'True' })
      .expect(200);
    expect(add.text).toBe('Ok.');
    const [torrent] = await info({ hashes: releaseInfoHash(id({ episode: 2 })) });
    expect(torrent.state).toBe('stoppedDL');
    await qb.post('torrents/resume', { hashes: torrent.hash as string }).expect(200);
    const [resumed] = await info({ hashes: torrent.hash as string });
    expect(resumed.state).not.toBe('stoppedDL');
  });

  it('QB-5: a magnet (hex or base32) becomes a torrent under its btih, named by dn, in its category', async () => {
    const hex = releaseInfoHash(id({ episode: 3 }));
    const title = releaseTitle(id({ episode: 3 }), { seriesTitle: 'Sternenwanderer' });
    const b32 = base32(Buffer.from(hex, 'hex'));
    const magnet = `magnet:?xt=urn:btih:${b32}&dn=${encodeURIComponent(title)}&x.aw=${encodeURIComponent(
      `v1/aniworld/sternenwanderer/1/3/german-dub/download`,
    )}`;
    expect((await qb.post('torrents/add', { urls: magnet, category: 'tv-sonarr' })).text).toBe(
      'Ok.',
    );
    const [torrent] = await info({ category: 'tv-sonarr' });
    expect(torrent).toMatchObject({ hash: hex, name: title, category: 'tv-sonarr' });
    // Added again: idempotent, still one torrent.
    expect((await qb.post('torrents/add', { urls: magnet })).text).toBe('Ok.');
    expect(await info({ hashes: hex })).toHaveLength(1);
  });

  it('QB-5: refuses a foreign magnet and a forged identity clearly, without queueing anything', async () => {
    const foreign = `magnet:?xt=urn:btih:${'ab'.repeat(20)}&dn=Some.Other.Release`;
    expect((await qb.post('torrents/add', { urls: foreign })).text).toBe('Fails.');
    const forged = releaseMagnet(id(), 'x').replace(
      /xt=urn:btih:[0-9a-f]+/,
      `xt=urn:btih:${'cd'.repeat(20)}`,
    );
    expect((await qb.post('torrents/add', { urls: forged })).text).toBe('Fails.');
    expect((await qb.post('torrents/add', { urls: 'http://example.invalid/a.torrent' })).text).toBe(
      'Fails.',
    );
    expect(await info()).toEqual([]);
  });

  it('QB-6: a .torrent under any multipart field name hashes to SHA-1(bencode(info))', async () => {
    const torrentId = id({ episode: 4 });
    const file = releaseTorrentFile(torrentId, 'Sternenwanderer.S01E04.WEB.GER-ANIWORLD');
    await qb
      .multipart('torrents/add', { category: 'tv-sonarr', stopped: 'true' }, [
        { field: 'whatever', name: 'x.torrent', data: file },
      ])
      .expect(200);
    const [torrent] = await info({ hashes: releaseInfoHash(torrentId) });
    expect(torrent).toMatchObject({
      name: 'Sternenwanderer.S01E04.WEB.GER-ANIWORLD',
      state: 'stoppedDL',
    });
  });

  it('QB-7: torrents/info?category= lists only that category, with the fields Sonarr reads', async () => {
    await qb.post('torrents/add', {
      urls: releaseMagnet(id({ season: 2, episode: 1, language: 'german-sub' }), 'A'),
      category: 'tv-sonarr',
      stopped: 'true',
    });
    await qb.post('torrents/add', {
      urls: releaseMagnet(id({ season: 2, episode: 2, language: 'german-sub' }), 'B'),
      category: 'radarr',
      stopped: 'true',
    });
    const sonarr = await info({ category: 'tv-sonarr' });
    expect(sonarr.map((x) => x.name)).toEqual(['A']);
    expect((await info({ category: 'radarr' })).map((x) => x.name)).toEqual(['B']);
    expect(await info({ category: 'nope' })).toEqual([]);
    for (const [key, type] of Object.entries(SONARR_FIELDS))
      expect(typeof sonarr[0][key]).toBe(type);
    for (const value of Object.values(sonarr[0])) expect(value).not.toBeNull();
  });

  it('QB-8, QB-10: downloads to <category folder>/<release title>.mp4, completes as stoppedUP, deletes', async () => {
    const title = releaseTitle(id(), { seriesTitle: 'Sternenwanderer', height: 1080 });
    // Sonarr's grab: a magnet longer than 1024 bytes goes as multipart.
    const magnet = `${releaseMagnet(id(), title, 'http://127.0.0.1/announce')}&tr=${'x'.repeat(1100)}`;
    await qb
      .multipart('torrents/add', {
        urls: magnet,
        category: 'tv-sonarr',
        stopped: 'False',
        sequentialDownload: 'True',
        firstLastPiecePrio: 'True',
        contentLayout: 'Original',
        ratioLimit: '-2',
        seedingTimeLimit: '-2',
      })
      .expect(200);
    const hash = releaseInfoHash(id());
    await qb.get('torrents/properties', { hash }).expect(200);
    let done: Record<string, unknown> | undefined;
    await waitUntil(
      async () => {
        [done] = await info({ category: 'tv-sonarr' });
        return done?.state === 'stoppedUP';
      },
      'the torrent to complete',
      60_000,
    );
    const contentPath = join(downloads, 'tv-sonarr', `${title}.mp4`);
    expect(done).toMatchObject({
      hash,
      name: title,
      progress: 1,
      save_path: join(downloads, 'tv-sonarr'),
      content_path: contentPath,
      ratio: 0,
      ratio_limit: 0,
      eta: 0,
    });
    expect(done?.content_path).not.toBe(done?.save_path);
    expect(isAbsolute(contentPath)).toBe(true);
    expect(hasVideo(contentPath)).toBe(true);
    // The queue page shows it with its category; the library does not count it as downloaded.
    const status = await queueSnapshot(api);
    expect(allItems(status).find((i) => i.file_path === contentPath)).toMatchObject({
      status: 'completed',
      category: 'tv-sonarr',
    });
    const files = (await qb.get('torrents/files', { hash }).expect(200)).body;
    expect(files).toEqual([expect.objectContaining({ name: `${title}.mp4`, progress: 1 })]);

    // Sonarr's import: setCategory, then delete without deleteFiles: the file stays.
    await qb.post('torrents/createCategory', { category: 'tv-imported' }).expect(200);
    await qb.post('torrents/setCategory', { hashes: hash, category: 'tv-imported' }).expect(200);
    expect((await info({ category: 'tv-imported' })).map((x) => x.hash)).toEqual([hash]);
    await qb.post('torrents/delete', { hashes: hash }).expect(200);
    expect(await info()).toEqual([]);
    expect(existsSync(contentPath)).toBe(true);

    // Added again and deleted with deleteFiles=true: the data goes.
    await qb.post('torrents/add', { urls: magnet, category: 'tv-sonarr' }).expect(200);
    // The file is already there: the queue verifies it (ffprobe) instead of downloading again.
    await waitUntil(
      async () => (await info({ hashes: hash }))[0]?.state === 'stoppedUP',
      'the re-added torrent to complete from the existing file',
      30_000,
    );
    await qb.post('torrents/delete', { hashes: hash, deleteFiles: 'true' }).expect(200);
    expect(existsSync(contentPath)).toBe(false);
  }, 90_000);

  it('QB-9: properties of an unknown hash is 404; a known one has save_path and seeding_time', async () => {
    await qb.get('torrents/properties', { hash: 'ab'.repeat(20) }).expect(404);
    const hash = releaseInfoHash(id({ episode: 2 }));
    await qb.post('torrents/add', {
      urls: releaseMagnet(id({ episode: 2 }), 'T'),
      stopped: 'true',
    });
    const props = (await qb.get('torrents/properties', { hash: hash.toUpperCase() }).expect(200))
      .body;
    expect(props).toMatchObject({ hash, save_path: downloads, seeding_time: 0 });
  });

  it('QB-11: categories map to {name, savePath}; createCategory is idempotent and honours savePath', async () => {
    await qb.post('torrents/createCategory', { category: 'tv-sonarr' }).expect(200);
    await qb.post('torrents/createCategory', { category: 'tv-sonarr' }).expect(200);
    const custom = join(downloads, 'elsewhere');
    await qb.post('torrents/createCategory', { category: 'custom', savePath: custom }).expect(200);
    const cats = (await qb.get('torrents/categories').expect(200)).body;
    expect(cats['tv-sonarr']).toEqual({
      name: 'tv-sonarr',
      savePath: join(downloads, 'tv-sonarr'),
    });
    expect(cats['custom']).toEqual({ name: 'custom', savePath: custom });
    await qb.post('torrents/createCategory', { category: '' }).expect(400);
    await qb.post('torrents/createCategory', { category: '../x' }).expect(400);
    // A torrent of that category goes to its save path; `savepath` of the add wins over it.
    await qb.post('torrents/add', {
      urls: releaseMagnet(id({ episode: 3 }), 'C'),
      category: 'custom',
      stopped: 'true',
    });
    await qb.post('torrents/add', {
      urls: releaseMagnet(id({ episode: 4 }), 'D'),
      category: 'custom',
      savepath: join(downloads, 'explicit'),
      stopped: 'true',
    });
    const byName = Object.fromEntries((await info()).map((x) => [x.name, x]));
    expect(byName['C']).toMatchObject({ save_path: custom, content_path: join(custom, 'C.mp4') });
    expect(byName['D']).toMatchObject({ save_path: join(downloads, 'explicit') });
  });

  it('QB-12: preferences say dht, queueing, no removal at a ratio, and the save path', async () => {
    const prefs = (await qb.get('app/preferences').expect(200)).body;
    expect(prefs).toMatchObject({
      dht: true,
      queueing_enabled: true,
      max_ratio_enabled: false,
      max_ratio_act: 0,
      save_path: downloads,
    });
  });

  it('QB-13: topPrio, setForceStart, setShareLimits, addTags and setCategory answer 200', async () => {
    const hash = releaseInfoHash(id({ episode: 2 }));
    await qb.post('torrents/add', {
      urls: releaseMagnet(id({ episode: 2 }), 'T'),
      stopped: 'true',
    });
    await qb.post('torrents/createCategory', { category: 'tv-sonarr' }).expect(200);
    await qb.post('torrents/topPrio', { hashes: hash }).expect(200);
    await qb
      .post('torrents/setShareLimits', { hashes: hash, ratioLimit: '-2', seedingTimeLimit: '-2' })
      .expect(200);
    await qb.post('torrents/addTags', { hashes: hash, tags: 'anime,sonarr' }).expect(200);
    await qb.post('torrents/setCategory', { hashes: hash, category: 'tv-sonarr' }).expect(200);
    await qb.post('torrents/setCategory', { hashes: hash, category: 'missing' }).expect(409);
    let [torrent] = await info({ hashes: hash });
    expect(torrent).toMatchObject({
      tags: 'anime, sonarr',
      category: 'tv-sonarr',
      state: 'stoppedDL',
    });
    await qb.post('torrents/setForceStart', { hashes: hash, value: 'true' }).expect(200);
    [torrent] = await info({ hashes: hash });
    expect(torrent.force_start).toBe(true);
    expect(torrent.state).not.toBe('stoppedDL');
    expect((await qb.get('torrents/tags').expect(200)).body).toEqual(['anime', 'sonarr']);
  });

  it('QB-14: an expired or forged cookie is 403, then a new login works; no Referer needed', async () => {
    const stale = new QbitTestClient(t.url);
    stale.cookie = 'SID=lq0qxk00.Zm9yZ2Vk';
    await stale.get('torrents/info').expect(403);
    expect((await stale.login('admin', password)).text).toBe('Ok.');
    await stale.get('torrents/info').expect(200);
    await stale.post('auth/logout').expect(200);
    await stale.get('torrents/info').expect(403);
  });

  it('QB-15: an unknown route is 404 "Endpoint does not exist", never an auth answer', async () => {
    const res = await qb.get('torrents/nope').expect(404);
    expect(res.text).toBe('Endpoint does not exist');
    // The session comes first, as in qBittorrent; a known path with the wrong method is 405.
    await request(t.url).get('/api/v2/nope/nope').expect(403);
    expect((await qb.get('torrents/add').expect(405)).text).toBe('Method Not Allowed');
    await qb.post('torrents/info').expect(405);
  });

  it('is outside the app: no app session needed, no JSON errors, no general rate limit, not in OpenAPI', async () => {
    for (let i = 0; i < 30; i++) await qb.get('app/webapiVersion').expect(200);
    const docs = (await request(t.url).get('/api/docs-json').expect(200)).body as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(docs.paths).filter((p) => p.startsWith('/api/v2'))).toEqual([]);
    const forbidden = await request(t.url).get('/api/v2/torrents/info').expect(403);
    expect(forbidden.text).toBe('Forbidden');
  });

  it("replays Sonarr's Test button: probe, login, version, preferences, categories, info", async () => {
    const sonarr = new QbitTestClient(t.url);
    const basic = `Basic ${Buffer.from(`admin:${password}`).toString('base64')}`;
    await request(t.url).get('/api/v2/app/webapiVersion').expect(403);
    expect((await sonarr.login('admin', password)).text).toBe('Ok.');
    expect((await sonarr.get('app/webapiVersion').set('Authorization', basic)).text).toBe('2.11.4');
    await sonarr.get('app/preferences').expect(200);
    const before = (await sonarr.get('torrents/categories').expect(200)).body;
    expect(before['tv-test']).toBeUndefined();
    await sonarr.post('torrents/createCategory', { category: 'tv-test' }).expect(200);
    expect((await sonarr.get('torrents/categories').expect(200)).body['tv-test']).toBeDefined();
    expect(Array.isArray((await sonarr.get('torrents/info', { category: 'tv-test' })).body)).toBe(
      true,
    );
  });

  it('bans an IP after too many failed logins (403), as qBittorrent does', async () => {
    const attacker = new QbitTestClient(t.url);
    for (let i = 0; i < 5; i++)
      expect((await attacker.login('admin', `bad-${i}`)).text).toBe('Fails.');
    const banned = await attacker.login('admin', password);
    expect(banned.status).toBe(403);
    expect(banned.text).toMatch(/banned/);
  });
});
