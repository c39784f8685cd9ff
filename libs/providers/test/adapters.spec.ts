import {
  AniworldAdapter,
  ChallengeRequired,
  EpisodeNotFound,
  ParseFailed,
  PoliteHttpClient,
  SeriesNotFound,
  StoAdapter,
  VideoGone,
  createProviders,
  type SiteAdapter,
} from '../src';
import { encodeVoe } from './helpers/encoders';
import { FakeClock } from './helpers/fake-clock';
import { FakeHttp, html } from './helpers/fake-http';
import { fixture } from './helpers/fixtures';

const A = 'http://127.0.0.1:9/aniworld';
const S = 'http://127.0.0.1:9/sto';

describe('AniworldAdapter', () => {
  it('builds every request URL as baseUrl + site path', async () => {
    const http = new FakeHttp()
      .on(`${A}/anime/stream/goblin-slayer`, fixture('aniworld/series-full.html'))
      .on(`${A}/anime/stream/goblin-slayer/staffel-1`, fixture('aniworld/season-1.html'))
      .on(`${A}/anime/stream/goblin-slayer/filme`, fixture('aniworld/films.html'))
      .on(`${A}/anime/stream/goblin-slayer/filme/film-1`, fixture('aniworld/episode-full.html'))
      .on(`${A}/animes`, fixture('aniworld/catalog.html'))
      .on(`${A}/neue-episoden`, fixture('aniworld/recent.html'));
    const site = new AniworldAdapter({ baseUrl: `${A}/`, http });
    expect((await site.listSeasons('goblin-slayer')).map((s) => s.number)).toEqual([0, 1, 2]);
    expect(await site.getSeason('goblin-slayer', 1)).toHaveLength(3);
    expect((await site.getSeason('goblin-slayer', 0))[0].url).toBe(
      `${A}/anime/stream/goblin-slayer/filme/film-1`,
    );
    expect((await site.getEpisode('goblin-slayer', 0, 1)).links).toHaveLength(4);
    expect(await site.catalog()).toHaveLength(4);
    expect(await site.newEpisodes()).toHaveLength(2);
  });

  it('maps a 404 series page to SeriesNotFound and a 404 episode to EpisodeNotFound', async () => {
    const site = new AniworldAdapter({ baseUrl: A, http: new FakeHttp() });
    await expect(site.getSeries('nope')).rejects.toBeInstanceOf(SeriesNotFound);
    await expect(site.getEpisode('nope', 1, 1)).rejects.toBeInstanceOf(EpisodeNotFound);
  });

  it('surfaces a DDoS-Guard page as ChallengeRequired', async () => {
    const http = new FakeHttp().on(/./, { status: 403, body: '<title>DDoS-Guard</title>' });
    await expect(new AniworldAdapter({ baseUrl: A, http }).getSeries('x')).rejects.toMatchObject({
      kind: 'ddos-guard',
      url: `${A}/anime/stream/x`,
    });
  });

  it('searches /ajax/seriesSearch and falls back to POST /ajax/search with the search Referer', async () => {
    const http = new FakeHttp()
      .on(`${A}/ajax/seriesSearch?keyword=goblin%20slayer`, { status: 500 })
      .on(`${A}/ajax/search`, fixture('aniworld/ajax-search.json'));
    const site = new AniworldAdapter({ baseUrl: A, http });
    const results = await site.search('goblin slayer');
    expect(results.map((r) => r.key)).toEqual(['goblin-slayer', 'hoehle-der-goblins']);
    const post = http.requests.find((r) => r.method === 'POST');
    expect(post).toMatchObject({ body: 'keyword=goblin+slayer' });
    expect(post?.headers?.['referer']).toBe(`${A}/search`);
  });

  it('resolves /redirect/<id> without following, Referer = site root, relative Location', async () => {
    const http = new FakeHttp().on(`${A}/redirect/5`, {
      status: 302,
      headers: { location: '/voe/e/abc' },
    });
    const site = new AniworldAdapter({ baseUrl: A, http });
    expect(await site.resolveRedirect('/redirect/5')).toBe('http://127.0.0.1:9/voe/e/abc');
    expect(http.requests[0]).toMatchObject({
      followRedirects: false,
      headers: { referer: `${A}/` },
    });
  });

  it('treats a 200 instead of a redirect as ParseFailed and a captcha as ChallengeRequired', async () => {
    const http = new FakeHttp()
      .on(`${A}/redirect/1`, html('<p>hello</p>'))
      .on(`${A}/redirect/2`, html('<div class="g-recaptcha"></div>'))
      .on(`${A}/redirect/3`, { status: 404 });
    const site = new AniworldAdapter({ baseUrl: A, http });
    await expect(site.resolveRedirect(`${A}/redirect/1`)).rejects.toBeInstanceOf(ParseFailed);
    await expect(site.resolveRedirect(`${A}/redirect/2`)).rejects.toMatchObject({
      kind: 'recaptcha',
    });
    await expect(site.resolveRedirect(`${A}/redirect/3`)).rejects.toBeInstanceOf(VideoGone);
  });

  it('caches series and season pages through the polite client', async () => {
    const inner = new FakeHttp().on(
      `${A}/anime/stream/goblin-slayer`,
      fixture('aniworld/series-full.html'),
    );
    const http = new PoliteHttpClient(inner, { clock: new FakeClock(), requestsPerSecond: 0 });
    const site = new AniworldAdapter({ baseUrl: A, http });
    await site.getSeries('goblin-slayer');
    await site.listSeasons('goblin-slayer');
    expect(inner.requests).toHaveLength(1);
  });
});

describe('StoAdapter', () => {
  it('searches the suggest API and reads series, season and episode pages', async () => {
    const http = new FakeHttp()
      .on(`${S}/api/search/suggest?term=9-1-1`, fixture('sto/suggest.json'))
      .on(`${S}/serie/9-1-1`, fixture('sto/series.html'))
      .on(`${S}/serie/9-1-1/staffel-1`, fixture('sto/season.html'))
      .on(`${S}/serie/9-1-1/staffel-1/episode-1`, fixture('sto/episode.html'))
      .on(`${S}/serien`, fixture('sto/catalog.html'));
    const site = new StoAdapter({ baseUrl: S, http });
    expect((await site.search('9-1-1')).map((r) => r.key)).toEqual(['9-1-1', '9-1-1-lone-star']);
    expect((await site.getSeries('9-1-1')).seasons).toHaveLength(3);
    expect(await site.getSeason('9-1-1', 1)).toHaveLength(3);
    expect((await site.getEpisode('9-1-1', 1, 1)).links).toHaveLength(4);
    expect(await site.catalog()).toHaveLength(4);
    expect((site as SiteAdapter).newEpisodes).toBeUndefined();
  });

  it('resolves /r?t=<token> and reports the Turnstile modal as ChallengeRequired', async () => {
    const http = new FakeHttp()
      .on(`${S}/r?t=ok%3D`, { status: 302, headers: { location: 'http://127.0.0.1:9/dood/e/x' } })
      .on(
        `${S}/r?t=cap`,
        html(
          '<html><head><title>Stream wird vorbereitet...</title></head><div id="player-prepare-turnstile"></div></html>',
        ),
      );
    const site = new StoAdapter({ baseUrl: S, http });
    expect(await site.resolveRedirect('/r?t=ok%3D')).toBe('http://127.0.0.1:9/dood/e/x');
    expect(http.requests[0].headers?.['referer']).toBe(`${S}/`);
    await expect(site.resolveRedirect(`${S}/r?t=cap`)).rejects.toEqual(
      expect.any(ChallengeRequired),
    );
  });
});

describe('createProviders', () => {
  const payload = { source: 'http://127.0.0.1:9/cdn/hls/sample/master.m3u8' };

  it('resolves a link: redirect → hoster → extractor → descriptor', async () => {
    const http = new FakeHttp()
      .on(
        `${A}/anime/stream/goblin-slayer/staffel-1/episode-1`,
        fixture('aniworld/episode-full.html'),
      )
      .on(`${A}/redirect/2738955`, {
        status: 301,
        headers: { location: 'http://127.0.0.1:9/voe/e/abc' },
      })
      .on(
        'http://127.0.0.1:9/voe/e/abc',
        html(`<script type="application/json">["${encodeVoe(payload)}"]</script>`),
      );
    const providers = createProviders({
      sites: { aniworld: { baseUrl: A }, sto: { baseUrl: S } },
      userAgent: 'UA/9',
      http,
      clock: new FakeClock(),
      requestsPerSecond: 0,
    });
    const episode = await providers.site('aniworld').getEpisode('goblin-slayer', 1, 1);
    const resolved = await providers.resolveStream(episode.links[0]);
    expect(resolved).toMatchObject({
      hoster: 'VOE',
      embedUrl: 'http://127.0.0.1:9/voe/e/abc',
      descriptor: { kind: 'hls', url: payload.source },
    });
    expect(resolved.descriptor.headers['User-Agent']).toBe('UA/9');
    expect(http.header(0, 'user-agent')).toBe('UA/9');
    expect(Object.keys(providers.sites)).toEqual(['aniworld', 'sto']);
    expect(providers.extractors.names).toHaveLength(9);
  });

  it('throws UnknownHoster for a label and URL nobody knows', async () => {
    const http = new FakeHttp().on(`${A}/redirect/1`, {
      status: 302,
      headers: { location: 'https://mystery.example/e/1' },
    });
    const providers = createProviders({
      sites: { aniworld: { baseUrl: A } },
      http,
      clock: new FakeClock(),
      requestsPerSecond: 0,
    });
    const link = {
      site: 'aniworld' as const,
      hoster: null,
      hosterLabel: 'Mystery',
      language: { audio: 'german' as const, subtitles: null },
      redirectUrl: `${A}/redirect/1`,
    };
    await expect(providers.resolveStream(link)).rejects.toMatchObject({
      name: 'UnknownHoster',
      code: 'HOSTER_UNAVAILABLE',
    });
    expect(() => providers.site('sto')).toThrow(/not configured/);
  });

  it('falls back to the embed URL when the label is unknown', async () => {
    const http = new FakeHttp().on(
      'http://127.0.0.1:9/vidoza/embed-x.html',
      html('<source src="/cdn/mp4/sample.mp4">'),
    );
    // The fixture hoster is on loopback, which only a sandbox or LAN setup may reach.
    const providers = createProviders({
      sites: {},
      http,
      clock: new FakeClock(),
      allowInternalDestinations: true,
    });
    expect(
      (await providers.extract('Fixture stream', 'http://127.0.0.1:9/vidoza/embed-x.html')).hoster,
    ).toBe('Vidoza');
  });
});
