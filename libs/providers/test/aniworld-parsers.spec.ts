import {
  ParseFailed,
  SeriesNotFound,
  parseAniworldAjaxSearch,
  parseAniworldCatalog,
  parseAniworldEpisode,
  parseAniworldCalendar,
  parseAniworldNewEpisodes,
  parseAniworldSeason,
  parseAniworldSeries,
  parseAniworldSeriesSearch,
} from '../src';
import { fixture } from './helpers/fixtures';

const baseUrl = 'http://127.0.0.1:8090/aniworld';
const ctx = { key: 'goblin-slayer', url: `${baseUrl}/anime/stream/goblin-slayer`, baseUrl };

describe('aniworld series page', () => {
  it('reads every field of a full page, entities and umlauts decoded', () => {
    const s = parseAniworldSeries(fixture('aniworld/series-full.html'), ctx);
    expect(s).toMatchObject({
      site: 'aniworld',
      key: 'goblin-slayer',
      title: "Goblin Slayer: Mädchen & 'Abenteurer'",
      altTitles: ['哥布林猎人', 'Goburin Sureiyā', 'Goblin Slayer & Friends'],
      description:
        'Ein Priester schließt sich einem Abenteurer an, der nur Goblins jagt. "Vollständig".',
      genres: ['Action', 'Abenteuer', 'Ger'],
      startYear: 2018,
      endYear: 2023,
      fsk: 16,
      imdbId: 'tt8690728',
      coverUrl: `${baseUrl}/public/img/cover/goblin-slayer-stream-cover-abc_220x330.png`,
    });
    expect(s.seasons).toEqual([
      { number: 0, url: `${baseUrl}/anime/stream/goblin-slayer/filme` },
      { number: 1, url: `${baseUrl}/anime/stream/goblin-slayer/staffel-1` },
      { number: 2, url: `${baseUrl}/anime/stream/goblin-slayer/staffel-2` },
    ]);
  });

  it('accepts the minimal shared fixture (h1 without span, no optional fields)', () => {
    const s = parseAniworldSeries(fixture('aniworld/series.html'), {
      ...ctx,
      key: 'fixture-series',
    });
    expect(s.title).toBe('Fixture Series');
    expect(s).toMatchObject({
      description: null,
      genres: [],
      startYear: null,
      fsk: null,
      imdbId: null,
      coverUrl: null,
      altTitles: [],
    });
    expect(s.seasons.map((x) => x.number)).toEqual([1]);
  });

  it('reads "heute" as a running series', () => {
    const html = fixture('aniworld/series-full.html').replace('>2023</a>', '>heute</a>');
    expect(parseAniworldSeries(html, ctx).endYear).toBeNull();
  });

  it('prefers data-src over a lazy-load src and falls back to src', () => {
    const html = fixture('aniworld/series-full.html').replace(/ data-src="[^"]+"/, '');
    expect(parseAniworldSeries(html, ctx).coverUrl).toBe(`${baseUrl}/public/img/lazy.gif`);
  });

  it("throws SeriesNotFound on the site's not-found page", () => {
    expect(() => parseAniworldSeries(fixture('aniworld/not-found.html'), ctx)).toThrow(
      SeriesNotFound,
    );
  });

  it('throws ParseFailed naming the title selector on an unrelated page', () => {
    expect(() => parseAniworldSeries('<html><body><p>Wartung</p></body></html>', ctx)).toThrow(
      expect.objectContaining({
        code: 'PARSE_FAILED',
        site: 'aniworld',
        missing: 'div.series-title h1',
      }),
    );
  });

  it('throws ParseFailed when a titled page has no seasons at all', () => {
    const html = '<div class="series-title"><h1><span>X</span></h1></div>';
    expect(() => parseAniworldSeries(html, ctx)).toThrow(
      expect.objectContaining({ missing: expect.stringContaining('staffel') }),
    );
  });
});

describe('aniworld season page', () => {
  const seasonCtx = { ...ctx, season: 1, url: `${baseUrl}/anime/stream/goblin-slayer/staffel-1` };

  it('lists episodes with both titles, hosters and URLs on the base URL', () => {
    const eps = parseAniworldSeason(fixture('aniworld/season-1.html'), seasonCtx);
    expect(eps).toEqual([
      {
        season: 1,
        number: 1,
        titleDe: 'Das Schicksal der Abenteurer',
        titleEn: 'The Fate of Particular Adventurers',
        url: `${baseUrl}/anime/stream/goblin-slayer/staffel-1/episode-1`,
        hosters: ['VOE', 'Filemoon', 'Vidmoly'],
      },
      {
        season: 1,
        number: 2,
        titleDe: 'Goblins Höhle & "Rache"',
        titleEn: "Goblin's Cave",
        url: `${baseUrl}/anime/stream/goblin-slayer/staffel-1/episode-2`,
        hosters: ['Doodstream', 'Filemoon'],
      },
      {
        season: 1,
        number: 3,
        titleDe: null,
        titleEn: 'Unnamed',
        url: `${baseUrl}/anime/stream/goblin-slayer/staffel-1/episode-3`,
        hosters: [],
      },
    ]);
  });

  it('reports no languages: the table flags are a legend, not availability', () => {
    const eps = parseAniworldSeason(fixture('aniworld/season-1.html'), seasonCtx);
    expect(eps.every((e) => e.languages === undefined)).toBe(true);
  });

  it('reads the shared season table fixture', () => {
    const eps = parseAniworldSeason(fixture('aniworld/series.html'), {
      ...seasonCtx,
      key: 'fixture-series',
    });
    expect(eps).toHaveLength(1);
    expect(eps[0]).toMatchObject({ number: 1, titleDe: 'Episode 1' });
  });

  it('reads films as season 0 with the film index from data-episode-season-id or the href', () => {
    const films = parseAniworldSeason(fixture('aniworld/films.html'), { ...seasonCtx, season: 0 });
    expect(films.map((f) => [f.number, f.titleDe, f.titleEn, f.url])).toEqual([
      [1, "Goblin's Crown", "Goblin's Crown", `${baseUrl}/anime/stream/goblin-slayer/filme/film-1`],
      [
        2,
        'Die Krone der Goblins – Teil 2',
        'Crown Part 2',
        `${baseUrl}/anime/stream/goblin-slayer/filme/film-2`,
      ],
    ]);
  });

  it('throws ParseFailed instead of returning no episodes', () => {
    expect(() =>
      parseAniworldSeason(
        '<table class="seasonEpisodesList"><tbody id="season1"></tbody></table>',
        seasonCtx,
      ),
    ).toThrow(
      expect.objectContaining({
        code: 'PARSE_FAILED',
        page: seasonCtx.url,
        missing: expect.stringContaining('tbody#season1'),
      }),
    );
  });
});

describe('aniworld episode page', () => {
  const epCtx = {
    ...ctx,
    season: 1,
    episode: 1,
    url: `${baseUrl}/anime/stream/goblin-slayer/staffel-1/episode-1`,
  };

  it('reads every hoster × language, hidden or not, in any attribute order', () => {
    const ep = parseAniworldEpisode(fixture('aniworld/episode-full.html'), epCtx);
    expect(ep.titleDe).toBe("Ich habe endlich eine Freundin! & 'mehr'");
    expect(ep.titleEn).toBe('I Got a Girlfriend!');
    expect(
      ep.links.map((l) => [l.hoster, l.hosterLabel, l.language, l.redirectUrl, l.linkId]),
    ).toEqual([
      [
        'VOE',
        'VOE',
        { audio: 'german', subtitles: null },
        `${baseUrl}/redirect/2738955`,
        '2738955',
      ],
      [
        'Filemoon',
        'Filemoon',
        { audio: 'japanese', subtitles: 'english' },
        `${baseUrl}/redirect/2739118`,
        '2739118',
      ],
      [
        'Filemoon',
        'Byse',
        { audio: 'japanese', subtitles: 'german' },
        `${baseUrl}/redirect/2739119`,
        '2739119',
      ],
      [
        null,
        'NewHoster&Co',
        { audio: 'japanese', subtitles: 'german' },
        `${baseUrl}/redirect/2739120`,
        '2739120',
      ],
    ]);
  });

  it('keys the language off the flag file name, not its text', () => {
    const html = fixture('aniworld/episode-full.html').replace(
      /(data-lang-key="1"\s+src=")\/public\/img\/german\.svg/,
      '$1/public/img/english.svg',
    );
    const ep = parseAniworldEpisode(html, epCtx);
    expect(ep.links[0].language).toEqual({ audio: 'english', subtitles: null });
  });

  it('maps key 4 to the English dub when no flag says otherwise', () => {
    const html =
      '<div class="hosterSiteVideo"><ul><li data-lang-key="4" data-link-target="/redirect/7"><h4>VOE</h4></li></ul></div>';
    expect(parseAniworldEpisode(html, epCtx).links[0].language).toEqual({
      audio: 'english',
      subtitles: null,
    });
  });

  it('reads the shared fixtures (flags without src, links only in a.watchEpisode)', () => {
    const ep = parseAniworldEpisode(fixture('aniworld/episode.html'), epCtx);
    expect(ep.links.map((l) => [l.hosterLabel, l.hoster, l.language, l.redirectUrl])).toEqual([
      [
        'Fixture stream',
        null,
        { audio: 'japanese', subtitles: 'german' },
        `${baseUrl}/redirect/990001`,
      ],
      [
        'Fixture stream',
        null,
        { audio: 'japanese', subtitles: 'english' },
        `${baseUrl}/redirect/990002`,
      ],
    ]);
    expect(ep.titleEn).toBe('Episode 1');
    const minimal = parseAniworldEpisode(fixture('aniworld/episode-minimal.html'), epCtx);
    expect(minimal.links.map((l) => l.hoster)).toEqual(['VOE', 'Filemoon', 'Vidmoly']);
  });

  it('takes the path of absolute redirect links and puts it on the base URL', () => {
    const ep = parseAniworldEpisode(fixture('aniworld/episode-full.html'), {
      ...epCtx,
      baseUrl: 'https://mirror.example/',
    });
    expect(ep.links[2].redirectUrl).toBe('https://mirror.example/redirect/2739119');
  });

  it('throws ParseFailed when the page has no hoster list', () => {
    expect(() =>
      parseAniworldEpisode('<div class="hosterSiteVideo"><ul></ul></div>', epCtx),
    ).toThrow(ParseFailed);
  });
});

describe('aniworld lists', () => {
  it('parses /ajax/seriesSearch JSON', () => {
    const results = parseAniworldSeriesSearch(
      JSON.parse(fixture('aniworld/series-search.json')),
      baseUrl,
    );
    expect(results).toEqual([
      {
        site: 'aniworld',
        key: 'goblin-slayer',
        title: 'Goblin Slayer',
        url: `${baseUrl}/anime/stream/goblin-slayer`,
        description: 'Ein Priester & ein Abenteurer',
        coverUrl: `${baseUrl}/public/img/cover/goblin-slayer-stream-cover-abc_150x225.jpg`,
        years: '(2018 - 2023)',
      },
      {
        site: 'aniworld',
        key: 'goblin-slayer-goblins-crown',
        title: "Goblin Slayer: Goblin's Crown",
        url: `${baseUrl}/anime/stream/goblin-slayer-goblins-crown`,
        description: undefined,
        coverUrl: undefined,
        years: '(2020)',
      },
    ]);
  });

  it('parses POST /ajax/search, keeping only series links and stripping <em>', () => {
    const results = parseAniworldAjaxSearch(
      JSON.parse(fixture('aniworld/ajax-search.json')),
      baseUrl,
    );
    expect(results.map((r) => [r.key, r.title])).toEqual([
      ['goblin-slayer', 'Goblin Slayer'],
      ['hoehle-der-goblins', 'Höhle der Goblins'],
    ]);
  });

  it('treats a non-array search answer as ParseFailed, an empty array as no hits', () => {
    expect(() => parseAniworldSeriesSearch({ error: 'x' }, baseUrl)).toThrow(ParseFailed);
    expect(parseAniworldSeriesSearch([], baseUrl)).toEqual([]);
  });

  it('parses the A–Z catalog with alternative titles', () => {
    const entries = parseAniworldCatalog(fixture('aniworld/catalog.html'), {
      url: `${baseUrl}/animes`,
      baseUrl,
    });
    expect(entries).toEqual([
      {
        key: 'attack-on-titan',
        title: 'Attack on Titan',
        altTitles: ['Shingeki no Kyojin', '進撃の巨人'],
        url: `${baseUrl}/anime/stream/attack-on-titan`,
      },
      {
        key: 'ao-no-exorcist',
        title: 'Ao no Exorcist',
        altTitles: [],
        url: `${baseUrl}/anime/stream/ao-no-exorcist`,
      },
      {
        key: 'goblin-slayer',
        title: 'Goblin Slayer',
        altTitles: ['Goburin Sureiyā'],
        url: `${baseUrl}/anime/stream/goblin-slayer`,
      },
      {
        key: 'grossstadt-maedchen',
        title: 'Großstadt-Mädchen & Co',
        altTitles: ['Großstadt & Mädchen'],
        url: `${baseUrl}/anime/stream/grossstadt-maedchen`,
      },
    ]);
  });

  it('throws ParseFailed for an empty catalog', () => {
    expect(() =>
      parseAniworldCatalog('<div id="seriesContainer"></div>', { url: 'x', baseUrl }),
    ).toThrow(ParseFailed);
  });

  it('parses /neue-episoden, language from the flag file or else its text', () => {
    const rows = parseAniworldNewEpisodes(fixture('aniworld/recent.html'), {
      url: `${baseUrl}/neue-episoden`,
      baseUrl,
    });
    expect(rows).toEqual([
      {
        key: 'fixture-series',
        seriesTitle: 'Fixture Series',
        season: 1,
        episode: 1,
        url: `${baseUrl}/anime/stream/fixture-series/staffel-1/episode-1`,
        language: { audio: 'japanese', subtitles: 'german' },
        date: '30.09.2026',
      },
      expect.objectContaining({ language: { audio: 'german', subtitles: null } }),
    ]);
    const withSrc = `<div class="newEpisodeList"><div class="row"><a href="/anime/stream/x/filme/film-2"><strong>X</strong></a>
      <img class="flag" src="/public/img/japanese-english.svg" title="Deutsch"></div></div>`;
    expect(parseAniworldNewEpisodes(withSrc, { url: 'u', baseUrl })[0]).toMatchObject({
      season: 0,
      episode: 2,
      language: { audio: 'japanese', subtitles: 'english' },
    });
  });

  it('throws ParseFailed when /neue-episoden has no rows', () => {
    expect(() =>
      parseAniworldNewEpisodes('<div class="newEpisodeList"></div>', { url: 'u', baseUrl }),
    ).toThrow(ParseFailed);
  });
});

describe('aniworld calendar (/animekalender)', () => {
  it('reads each announced episode with its day, time and language', () => {
    const rows = parseAniworldCalendar(fixture('aniworld/calendar.html'), {
      url: `${baseUrl}/animekalender`,
      baseUrl,
    });
    expect(rows).toEqual([
      {
        key: 'fixture-series',
        seriesTitle: 'Fixture Series',
        season: 1,
        episode: 1,
        language: { audio: 'japanese', subtitles: 'german' },
        date: '30.09.2026',
        time: '12:00',
      },
      expect.objectContaining({ language: { audio: 'german', subtitles: null }, time: '12:05' }),
    ]);
  });

  it('accepts a day without entries and refuses a page without any day', () => {
    const empty = '<section class="calendarList"><h3>Donnerstag, 01.10.2026</h3></section>';
    expect(parseAniworldCalendar(empty, { url: 'u', baseUrl })).toEqual([]);
    expect(() => parseAniworldCalendar('<p>Wartung</p>', { url: 'u', baseUrl })).toThrow(
      expect.objectContaining({ name: 'ParseFailed' }),
    );
  });
});
