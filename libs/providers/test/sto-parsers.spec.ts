import {
  ParseFailed,
  parseStoCatalog,
  parseStoEpisode,
  parseStoEpisodeHeading,
  parseStoSeason,
  parseStoSeries,
  parseStoSuggest,
} from '../src';
import { fixture } from './helpers/fixtures';

const baseUrl = 'http://127.0.0.1:8090/sto';
const ctx = { key: '9-1-1', url: `${baseUrl}/serie/9-1-1`, baseUrl };

describe('s.to v2 series page', () => {
  it('reads the header fields, cover from data-src (not the backdrop), entities decoded', () => {
    const s = parseStoSeries(fixture('sto/series.html'), ctx);
    expect(s).toMatchObject({
      site: 'sto',
      title: "9-1-1: Notruf L.A. & 'Lone Star'",
      description:
        'Die Serie folgt Polizisten, Sanitätern und Feuerwehrleuten in Los Angeles – größer & lauter.',
      genres: ['Drama', 'Action'],
      startYear: 2018,
      endYear: 2024,
      fsk: 16,
      imdbId: 'tt7235466',
      coverUrl: `${baseUrl}/media/images/channel/desktop/9-1-1-a1b2?format=webp`,
    });
  });

  it('finds seasons from relative, absolute and v1 links', () => {
    const s = parseStoSeries(fixture('sto/series.html'), ctx);
    expect(s.seasons).toEqual(
      [1, 2, 3].map((n) => ({ number: n, url: `${baseUrl}/serie/9-1-1/staffel-${n}` })),
    );
  });

  it('requires a title and a season', () => {
    expect(() => parseStoSeries('<p>leer</p>', ctx)).toThrow(
      expect.objectContaining({ code: 'PARSE_FAILED', site: 'sto' }),
    );
    expect(() => parseStoSeries('<h1>Nur Titel</h1>', ctx)).toThrow(
      expect.objectContaining({ missing: expect.stringContaining('season') }),
    );
  });
});

describe('s.to v2 season table', () => {
  const seasonCtx = { ...ctx, season: 1, url: `${baseUrl}/serie/9-1-1/staffel-1` };

  it('reads rows with titles, hoster images and real availability flags', () => {
    const eps = parseStoSeason(fixture('sto/season.html'), seasonCtx);
    expect(eps).toEqual([
      {
        season: 1,
        number: 1,
        titleDe: 'Notruf & Rettung',
        titleEn: 'Pilot (Full Title)',
        url: `${baseUrl}/serie/9-1-1/staffel-1/episode-1`,
        hosters: ['VOE', 'Doodstream'],
        languages: [
          { audio: 'german', subtitles: null },
          { audio: 'english', subtitles: null },
        ],
      },
      {
        season: 1,
        number: 2,
        titleDe: 'Größer als gedacht',
        titleEn: 'Bigger',
        url: `${baseUrl}/serie/9-1-1/staffel-1/episode-2`,
        hosters: ['Vidoza'],
        languages: [{ audio: 'english', subtitles: 'german' }],
      },
      {
        season: 1,
        number: 3,
        titleDe: null,
        titleEn: null,
        url: `${baseUrl}/serie/9-1-1/staffel-1/episode-3`,
        hosters: [],
        languages: [{ audio: 'german', subtitles: null }],
      },
    ]);
  });

  it('ignores rows of another season and fails loudly when none is left', () => {
    expect(() => parseStoSeason(fixture('sto/season.html'), { ...seasonCtx, season: 2 })).toThrow(
      expect.objectContaining({
        code: 'PARSE_FAILED',
        missing: expect.stringContaining('season 2'),
      }),
    );
  });
});

describe('s.to v2 episode page', () => {
  const epCtx = {
    ...ctx,
    season: 1,
    episode: 1,
    url: `${baseUrl}/serie/9-1-1/staffel-1/episode-1`,
  };

  it('reads the buttons, drops Provider placeholders and unnamed ones', () => {
    const ep = parseStoEpisode(fixture('sto/episode.html'), epCtx);
    expect(ep.links.map((l) => [l.hoster, l.language, l.redirectUrl, l.linkId])).toEqual([
      ['VOE', { audio: 'german', subtitles: null }, `${baseUrl}/r?t=eyJpdiI6IjEifQ%3D%3D`, '11'],
      [
        'Doodstream',
        { audio: 'german', subtitles: null },
        `${baseUrl}/r?t=eyJpdiI6IjIifQ%3D%3D`,
        '12',
      ],
      [
        'Vidoza',
        { audio: 'english', subtitles: null },
        `${baseUrl}/r?t=eyJpdiI6IjQifQ%3D%3D`,
        '21',
      ],
      [
        'Filemoon',
        { audio: 'english', subtitles: 'german' },
        `${baseUrl}/r?t=eyJpdiI6IjUifQ%3D%3D`,
        '22',
      ],
    ]);
  });

  it('splits "S01E01: German (English)" headings', () => {
    const ep = parseStoEpisode(fixture('sto/episode.html'), epCtx);
    expect(ep.titleDe).toBe('Notruf & Rettung');
    expect(ep.titleEn).toBe("Pilot: The 'First' Call");
    expect(parseStoEpisodeHeading('S02E10: Nur deutsch')).toEqual({
      titleDe: 'Nur deutsch',
      titleEn: null,
    });
    expect(parseStoEpisodeHeading('S02E10: Teil (1) (Part (1))')).toEqual({
      titleDe: 'Teil (1)',
      titleEn: 'Part (1)',
    });
    expect(parseStoEpisodeHeading('S01E02: (Nur Klammern)')).toEqual({
      titleDe: '(Nur Klammern)',
      titleEn: null,
    });
  });

  it('falls back to the language id when there is neither flag nor label', () => {
    const html =
      '<div id="episode-links"><button data-play-url="/r?t=a" data-provider-name="VOE" data-language-id="2"></button></div>';
    expect(parseStoEpisode(html, epCtx).links[0].language).toEqual({
      audio: 'english',
      subtitles: null,
    });
  });

  it('throws ParseFailed when only placeholders are left', () => {
    expect(() => parseStoEpisode(fixture('sto/episode-placeholders.html'), epCtx)).toThrow(
      ParseFailed,
    );
  });
});

describe('s.to lists', () => {
  it('parses /api/search/suggest and normalises v1 links', () => {
    expect(parseStoSuggest(JSON.parse(fixture('sto/suggest.json')), baseUrl)).toEqual([
      { site: 'sto', key: '9-1-1', title: '9-1-1', url: `${baseUrl}/serie/9-1-1` },
      {
        site: 'sto',
        key: '9-1-1-lone-star',
        title: '9-1-1: Lone Star & Co',
        url: `${baseUrl}/serie/9-1-1-lone-star`,
      },
    ]);
  });

  it('treats a suggest answer without shows as ParseFailed', () => {
    expect(() => parseStoSuggest([], baseUrl)).toThrow(ParseFailed);
  });

  it('parses the catalog: series links only, v1 and absolute forms, alt titles', () => {
    const entries = parseStoCatalog(fixture('sto/catalog.html'), {
      url: `${baseUrl}/serien`,
      baseUrl,
    });
    expect(entries.map((e) => [e.key, e.title, e.altTitles, e.url])).toEqual([
      ['9-1-1', '9-1-1', [], `${baseUrl}/serie/9-1-1`],
      [
        'breaking-bad',
        'Breaking Bad',
        ['Breaking Bad (2008)', 'Reich & Böse'],
        `${baseUrl}/serie/breaking-bad`,
      ],
      ['better-call-saul', 'Better Call Saul', [], `${baseUrl}/serie/better-call-saul`],
      ['babylon-berlin', 'Babylon Berlin', [], `${baseUrl}/serie/babylon-berlin`],
    ]);
  });
});
