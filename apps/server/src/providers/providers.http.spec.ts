import { type Sandbox, startSandbox } from '@aniworld/sandbox';
import type {
  ProviderEpisodeDetails,
  ProvidersOverview,
  ResolveResponse,
} from '@aniworld/contracts';
import { FAST_PROVIDERS, startTestApp, type TestApp } from '../../test/helpers/test-app';

describe('providers API against the sandbox (HTTP)', () => {
  let sandbox: Sandbox;
  let t: TestApp;
  let api: ReturnType<TestApp['api']>;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    t = await startTestApp(
      { ANIWORLD_BASE_URL: `${sandbox.baseUrl}/aniworld`, STO_BASE_URL: `${sandbox.baseUrl}/sto` },
      { settings: FAST_PROVIDERS },
    );
    api = t.api(await t.setUp());
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await sandbox.close();
  });
  afterEach(() => sandbox.clearFaults());

  it('searches, shows series, seasons and an episode with its languages', async () => {
    const search = await api
      .get('/api/providers/aniworld/search')
      .query({ q: 'stern' })
      .expect(200);
    expect(search.body).toContainEqual(
      expect.objectContaining({
        site: 'aniworld',
        key: 'sternenwanderer',
        name: 'Sternenwanderer',
      }),
    );

    const series = await api.get('/api/providers/aniworld/series/sternenwanderer').expect(200);
    expect(series.body).toMatchObject({
      key: 'sternenwanderer',
      start_year: 2019,
      fsk: 12,
      imdb_id: 'tt9000227',
    });
    expect(series.body.seasons.map((s: { number: number }) => s.number)).toEqual([0, 1, 2]);

    const season = await api.get('/api/providers/sto/series/sternenwanderer/seasons/1').expect(200);
    expect(season.body[0]).toMatchObject({
      season: 1,
      episode: 1,
      title_de: 'Ein Stern fällt',
      title_en: 'A Star Falls',
    });

    const episode = (
      await api
        .get('/api/providers/aniworld/series/sternenwanderer/seasons/1/episodes/1')
        .expect(200)
    ).body as ProviderEpisodeDetails;
    expect(new Set(episode.links.map((l) => l.language_code))).toEqual(
      new Set(['german-dub', 'german-sub', 'english-sub', 'english-dub']),
    );
    expect(episode.links.map((l) => l.hoster)).toContain('VOE');
  });

  it('resolves an episode to a descriptor whose URL serves media', async () => {
    const res = (
      await api
        .post('/api/providers/resolve')
        .send({ site: 'aniworld', key: 'sternenwanderer', season: 1, episode: 1 })
        .expect(200)
    ).body as ResolveResponse;
    expect(res).toMatchObject({ hoster: 'VOE', language_code: 'german-dub', attempts: [] });
    const media = await fetch(res.descriptor.url, { headers: res.descriptor.headers });
    expect(media.status).toBe(200);
    expect(await media.text()).toContain('#EXTM3U');
  });

  it('rotates to the next hoster when the first fails, and reports the reason per hoster when all fail', async () => {
    sandbox.setFaults('voe', 'status=500');
    const rotated = (
      await api
        .post('/api/providers/resolve')
        .send({
          site: 'aniworld',
          key: 'sternenwanderer',
          season: 1,
          episode: 2,
          language: 'german-dub',
        })
        .expect(200)
    ).body as ResolveResponse;
    expect(rotated.hoster).toBe('Filemoon');
    expect(rotated.attempts).toEqual([
      expect.objectContaining({
        hoster: 'VOE',
        language: 'german-dub',
        error_code: 'UPSTREAM_ERROR',
      }),
    ]);

    for (const prefix of ['filemoon', 'vidmoly', 'dood']) sandbox.setFaults(prefix, 'status=500');
    const failed = await api
      .post('/api/providers/resolve')
      .send({
        site: 'aniworld',
        key: 'sternenwanderer',
        season: 1,
        episode: 2,
        language: 'german-dub',
      })
      .expect(502);
    expect(failed.body.code).toBe('HOSTER_UNAVAILABLE');
    expect(failed.body.details.attempts.map((a: { hoster: string }) => a.hoster)).toEqual([
      'VOE',
      'Filemoon',
      'Vidmoly',
      'Doodstream',
    ]);
  });

  it('maps provider errors to clear HTTP answers and records them', async () => {
    const missing = await api.get('/api/providers/aniworld/series/does-not-exist').expect(404);
    expect(missing.body.code).toBe('SERIES_NOT_FOUND');

    sandbox.setFaults('sto', 'challenge=ddos-guard');
    const challenged = await api.get('/api/providers/sto/series/sternenwanderer').expect(502);
    expect(challenged.body.code).toBe('CHALLENGE_REQUIRED');

    const overview = (await api.get('/api/providers').expect(200)).body as ProvidersOverview;
    const sto = overview.sites.find((s) => s.id === 'sto');
    expect(sto?.last_failure?.code).toBe('CHALLENGE_REQUIRED');
    expect(sto?.base_url).toBe(`${sandbox.baseUrl}/sto`);
    expect(overview.hosters.map((h) => h.name).slice(0, 3)).toEqual(['VOE', 'Filemoon', 'Vidmoly']);
  });

  it('lists new episodes on aniworld and says s.to has none', async () => {
    const list = await api.get('/api/providers/aniworld/new-episodes').expect(200);
    expect(list.body.length).toBeGreaterThan(0);
    expect((await api.get('/api/providers/sto/new-episodes').expect(404)).body.code).toBe(
      'NOT_FOUND',
    );
  });

  it('refuses bad parameters with 400 naming the field', async () => {
    expect(
      (await api.get('/api/providers/nope/search').query({ q: 'x' }).expect(400)).body.details[0]
        .field,
    ).toBe('site');
    expect(
      (await api.get('/api/providers/aniworld/series/..%2Fetc').expect(400)).body.details[0].field,
    ).toBe('key');
    expect(
      (await api.get('/api/providers/aniworld/series/x/seasons/abc').expect(400)).body.details[0]
        .field,
    ).toBe('season');
    expect(
      (await api.get('/api/providers/aniworld/search').expect(400)).body.details[0].field,
    ).toBe('q');
    const resolve = await api
      .post('/api/providers/resolve')
      .send({ site: 'aniworld', key: 'x', season: 1, episode: 1, hoster: 'Nope' })
      .expect(400);
    expect(resolve.body.details[0].field).toBe('hoster');
  });
});
