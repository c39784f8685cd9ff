import { type Sandbox, startSandbox } from '@aniworld/sandbox';
import type {
  AnimeDetail,
  MetadataStatus,
  Page,
  AnimeSummary,
  SeriesMetadata,
} from '@aniworld/contracts';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { FAST_PROVIDERS, startTestApp, tempDir, type TestApp } from '../../test/helpers/test-app';
import { waitFor } from '../../test/helpers/wait';
import { MetadataWriterService } from './metadata-writer.service';

jest.setTimeout(120_000);

const KEY = '0123456789abcdef0123456789abcdef';

/** The metadata API on the real app (SQLite file, loopback HTTP) with TMDB and the sites in the sandbox. */
describe('metadata API against the sandbox (HTTP)', () => {
  let sandbox: Sandbox;
  let t: TestApp;
  let api: ReturnType<TestApp['api']>;
  let library: string;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
  }, 60_000);
  afterAll(async () => {
    await sandbox.close();
  });

  async function start(env: Record<string, string> = {}): Promise<void> {
    library = tempDir('aniworld-library-');
    t = await startTestApp(
      {
        ANIWORLD_BASE_URL: `${sandbox.baseUrl}/aniworld`,
        STO_BASE_URL: `${sandbox.baseUrl}/sto`,
        TMDB_BASE_URL: `${sandbox.baseUrl}/tmdb/3`,
        TMDB_IMAGE_BASE_URL: `${sandbox.baseUrl}/tmdb/t/p`,
        ANIME_DIRECTORY: library,
        ...env,
      },
      { settings: FAST_PROVIDERS },
    );
    api = t.api(await t.setUp());
  }
  afterEach(async () => {
    sandbox.clearFaults();
    await t.close();
    rmSync(library, { recursive: true, force: true });
  });

  const metadataOf = (key: string) =>
    waitFor(async () => {
      const body = (await api.get(`/api/anime/${key}/metadata`).expect(200)).body as SeriesMetadata;
      return body.state ? body : null;
    }, `the TMDB lookup of ${key}`);

  it('needs a session, and names the field of bad input', async () => {
    await start();
    const anonymous = request(t.url);
    for (const [method, path] of [
      ['get', '/api/metadata/status'],
      ['put', '/api/metadata/tmdb-key'],
      ['get', '/api/metadata/matches'],
      ['get', '/api/anime/sternenwanderer/metadata'],
      ['put', '/api/anime/sternenwanderer/metadata'],
      ['post', '/api/anime/sternenwanderer/metadata/refresh'],
      ['get', '/api/anime/sternenwanderer/poster'],
      ['get', '/api/anime/sternenwanderer/fanart'],
    ] as const)
      expect((await anonymous[method](path).send({})).status).toBe(401);
    const short = await api.put('/api/metadata/tmdb-key').send({ api_key: 'short' }).expect(400);
    expect(short.body.details[0].field).toBe('api_key');
    expect(
      (await api.put('/api/metadata/tmdb-key').send({}).expect(400)).body.details[0].field,
    ).toBe('api_key');
    const id = await api
      .put('/api/anime/sternenwanderer/metadata')
      .send({ tmdb_id: 'x' })
      .expect(400);
    expect(id.body.details[0].field).toBe('tmdb_id');
    const sig = await request(t.url).get(
      '/api/anime/sternenwanderer/poster?exp=1&sig=%3Cscript%3E',
    );
    expect(sig.status).toBe(400);
    expect(sig.body.details[0].field).toBe('sig');
  });

  it('says what is missing without a key, and the rest keeps working', async () => {
    await start();
    const status = (await api.get('/api/metadata/status').expect(200)).body as MetadataStatus;
    expect(status).toMatchObject({
      ready: false,
      tmdb_api_key_set: false,
      api_key_hint: null,
      language: 'de-DE',
    });
    expect(status.missing[0]).toMatch(/TMDB API key/);
    const detailed = (await api.get('/health/detailed').expect(200)).body;
    expect(detailed.checks.tmdb).toMatchObject({ status: 'warning', critical: false });
    await api.post('/api/anime/add').send({ key: 'sternenwanderer', site: 'aniworld' }).expect(201);
    const refresh = await api.post('/api/anime/sternenwanderer/metadata/refresh').expect(409);
    expect(refresh.body.code).toBe('TMDB_NOT_CONFIGURED');
    const series = (await api.get('/api/anime/sternenwanderer').expect(200)).body as AnimeDetail;
    expect(series).toMatchObject({ poster_url: null, fanart_url: null, genres: [], tmdb_id: null });
  });

  it('keeps the key out of every response and in config.json', async () => {
    await start();
    const set = (await api.put('/api/metadata/tmdb-key').send({ api_key: KEY }).expect(200))
      .body as MetadataStatus;
    expect(set).toMatchObject({
      ready: true,
      tmdb_api_key_set: true,
      api_key_hint: '…cdef',
      missing: [],
    });
    expect(set.check.status).toBe('ok');
    for (const path of [
      '/api/config',
      '/api/metadata/status',
      '/health/detailed',
      '/api/arr/credentials',
    ])
      expect(JSON.stringify((await api.get(path).expect(200)).body)).not.toContain(KEY);
    const file = JSON.parse(readFileSync(join(t.dataDir, 'config.json'), 'utf8'));
    expect(file.metadata.tmdb_api_key).toBe(KEY);

    // A key TMDB refuses is reported as such.
    sandbox.setFaults('tmdb', 'status=401');
    const refused = (
      await api
        .put('/api/metadata/tmdb-key')
        .send({ api_key: `${KEY}0` })
        .expect(200)
    ).body as MetadataStatus;
    expect(refused.ready).toBe(false);
    expect(refused.check.status).toBe('error');
    expect(refused.missing[0]).toMatch(/refused the API key/);
    sandbox.clearFaults();
    await api.put('/api/metadata/tmdb-key').send({ api_key: null }).expect(200);
    expect(
      JSON.parse(readFileSync(join(t.dataDir, 'config.json'), 'utf8')).metadata.tmdb_api_key,
    ).toBeNull();
  });

  it('refuses to change a key the environment sets', async () => {
    await start({ TMDB_API_KEY: KEY });
    const refused = await api.put('/api/metadata/tmdb-key').send({ api_key: null }).expect(409);
    expect(refused.body.code).toBe('SECRET_FROM_ENV');
    const status = (await api.get('/api/metadata/status').expect(200)).body as MetadataStatus;
    expect(status).toMatchObject({ tmdb_api_key_set: true, api_key_from_env: true });
    expect((await api.get('/api/config').expect(200)).body.overridden_by_env).toContain(
      'metadata.tmdb_api_key',
    );
  });

  it('matches by IMDb id, stores ids, genres, air dates and artwork, and serves the poster by signed URL', async () => {
    await start({ TMDB_API_KEY: KEY });
    await api.post('/api/anime/add').send({ key: 'sternenwanderer', site: 'aniworld' }).expect(201);
    expect(await metadataOf('sternenwanderer')).toMatchObject({
      state: 'matched',
      method: 'imdb',
      tmdb_id: 90227,
      tvdb_id: 390227,
      imdb_id: 'tt9000227',
    });
    const series = (await api.get('/api/anime/sternenwanderer').expect(200)).body as AnimeDetail;
    expect(series.genres).toEqual(['Abenteuer', 'Fantasy', 'Drama']);
    expect(series.seasons[1].episodes[0]).toMatchObject({ episode: 1, air_date: '2019-04-07' });
    const list = (await api.get('/api/anime?missing_only=false').expect(200))
      .body as Page<AnimeSummary>;
    const small = list.items[0].poster_small_url as string;
    expect(small).toMatch(/^\/api\/anime\/sternenwanderer\/poster\?size=small&v=\w+&exp=\d+&sig=/);

    const img = await request(t.url).get(small).expect(200);
    expect(img.headers['content-type']).toBe('image/jpeg');
    expect(img.headers['cache-control']).toBe('private, max-age=86400');
    expect((img.body as Buffer).subarray(0, 2).toString('hex')).toBe('ffd8');
    await request(t.url).get(small).set('If-None-Match', img.headers['etag']).expect(304);
    await request(t.url)
      .get(series.poster_url as string)
      .expect(200);
    await request(t.url)
      .get(series.fanart_url as string)
      .expect(200);
    // The signature is for one image of one series.
    const forFanart = (series.poster_url as string).replace('/poster?', '/fanart?');
    expect((await request(t.url).get(forFanart)).status).toBe(401);
    expect(
      (await request(t.url).get(small.replace(/sig=[\w-]+/, 'sig=AAAAAAAAAAAAAAAAAAAAAA'))).status,
    ).toBe(401);
    await api.get('/api/anime/sternenwanderer/poster').expect(200);
    await api.get('/api/anime/kleine-katze-kuro/poster').expect(404);
  });

  it('lists an uncertain match with its candidates until the user picks one', async () => {
    await start({ TMDB_API_KEY: KEY });
    await api.post('/api/anime/add').send({ key: '112-notruf', site: 'sto' }).expect(201);
    const uncertain = await metadataOf('112-notruf');
    expect(uncertain).toMatchObject({ state: 'uncertain', tmdb_id: null });
    expect(uncertain.candidates.map((c) => [c.tmdb_id, c.year])).toEqual([
      [95002, 2022],
      [95902, 2022],
    ]);
    const matches = (await api.get('/api/metadata/matches').expect(200)).body as SeriesMetadata[];
    expect(matches.map((m) => m.key)).toEqual(['112-notruf']);
    expect((await api.get('/api/metadata/status').expect(200)).body.uncertain).toBe(1);
    const wrong = await api
      .put('/api/anime/112-notruf/metadata')
      .send({ tmdb_id: 424242 })
      .expect(400);
    expect(wrong.body.details[0]).toMatchObject({ field: 'tmdb_id' });
    const picked = (
      await api.put('/api/anime/112-notruf/metadata').send({ tmdb_id: 95002 }).expect(200)
    ).body as SeriesMetadata;
    expect(picked).toMatchObject({
      state: 'matched',
      method: 'manual',
      tmdb_id: 95002,
      candidates: [],
    });
    expect((await api.get('/api/metadata/matches').expect(200)).body).toEqual([]);
    expect(
      ((await api.get('/api/anime/112-notruf').expect(200)).body as AnimeDetail).poster_url,
    ).toMatch(/^\/api\/anime\/112-notruf\/poster\?/);
  });

  it('writes the files of an episode through the entry point, keeping what someone else wrote', async () => {
    await start({ TMDB_API_KEY: KEY });
    await api.post('/api/anime/add').send({ key: 'sternenwanderer', site: 'aniworld' }).expect(201);
    const seriesDir = join(library, 'Sternenwanderer (2019)');
    const video = join(seriesDir, 'Season 01', 'Sternenwanderer S01E02.strm');
    mkdirSync(join(seriesDir, 'Season 01'), { recursive: true });
    writeFileSync(video, 'http://127.0.0.1/stream/1.m3u8\n');
    writeFileSync(join(seriesDir, 'tvshow.nfo'), '<tvshow><title>Mine</title></tvshow>\n');
    const writer = t.app.get(MetadataWriterService);
    const outcome = await writer.writeEpisodeMetadata('sternenwanderer', 1, 2, video);
    expect(outcome).toMatchObject({ outcome: 'written', reason: null, kept: ['tvshow.nfo'] });
    expect(outcome.written.sort()).toEqual([
      'Season 01/Sternenwanderer S01E02-thumb.jpg',
      'Season 01/Sternenwanderer S01E02.nfo',
      'Season 01/season.nfo',
      'fanart.jpg',
      'poster.jpg',
      'season01-poster.jpg',
    ]);
    expect(readFileSync(join(seriesDir, 'tvshow.nfo'), 'utf8')).toContain('Mine');
    expect(
      readFileSync(join(seriesDir, 'Season 01', 'Sternenwanderer S01E02.nfo'), 'utf8'),
    ).toContain('<title>Die Karte der Welt</title>');
    await api
      .put('/api/config')
      .send({ metadata: { overwrite_nfo: true } })
      .expect(200);
    const again = await writer.writeEpisodeMetadata('sternenwanderer', 1, 2, video);
    expect(again.written).toEqual(['tvshow.nfo']);
    expect(readFileSync(join(seriesDir, 'tvshow.nfo'), 'utf8')).toContain(
      '<title>Sternenwanderer</title>',
    );
    // A file outside the series folder (a download client's) gets nothing.
    const outside = await writer.writeEpisodeMetadata(
      'sternenwanderer',
      1,
      2,
      join(t.dataDir, 'x.mp4'),
    );
    expect(outside).toMatchObject({ outcome: 'skipped', written: [] });
    const last = (await api.get('/api/anime/sternenwanderer/metadata').expect(200))
      .body as SeriesMetadata;
    expect(last.last_write).toMatchObject({ outcome: 'skipped', season: 1, episode: 2 });
  });
});
