import type { CatalogSeries } from '../catalog/catalog';
import { SANDBOX_CATALOG } from '../catalog/catalog';
import { searchFold, shortHash } from '../server/assets';

/**
 * The TMDB-like records derived from the catalog. Without a `language` parameter the answers are
 * as they always were (German names, English episode overviews); with one they follow TMDB:
 * `de-*` gives German names and plots where the catalog has them (an untranslated episode is
 * "Episode N" with an empty overview, an untranslated series has an empty overview), `en-*`
 * English ones.
 */
export type TmdbLanguage = 'de' | 'en' | null;

export function languageOf(param: string | null): TmdbLanguage {
  if (!param) return null;
  return param.toLowerCase().startsWith('en') ? 'en' : 'de';
}

const GENRES: Record<string, { id: number; en: string }> = {
  Abenteuer: { id: 10759, en: 'Action & Adventure' },
  Action: { id: 10759, en: 'Action & Adventure' },
  Fantasy: { id: 10765, en: 'Sci-Fi & Fantasy' },
  Drama: { id: 18, en: 'Drama' },
  Komödie: { id: 35, en: 'Comedy' },
  Krimi: { id: 80, en: 'Crime' },
  Mystery: { id: 9648, en: 'Mystery' },
  'Slice of Life': { id: 18, en: 'Drama' },
};

/** Series TMDB knows but the sites do not: a namesake of `112-notruf` from the same year. */
const TMDB_ONLY: CatalogSeries[] = [
  {
    slug: '112-notruf-doku',
    numericId: 0,
    sites: [],
    title: '112: Notruf',
    altTitles: [],
    description: 'Dokumentarreihe: echte Rettungsdienste einer Großstadt bei der Arbeit.',
    genres: ['Drama'],
    startYear: 2022,
    endYear: 2022,
    fsk: 12,
    imdbId: 'tt9005902',
    tmdbId: 95902,
    seasons: [],
  },
];

/** Series whose IMDb id TMDB does not know (common for small shows): matched by title only. */
const NO_IMDB_ON_TMDB = new Set(['112-notruf']);

/** Series TMDB has no German plot for: the English one fills in. */
const NO_GERMAN_OVERVIEW = new Set(['kleine-katze-kuro']);

export function allTmdbSeries(): CatalogSeries[] {
  return [...SANDBOX_CATALOG.series, ...TMDB_ONLY];
}

export const tmdbSeriesById = (id: string): CatalogSeries | undefined =>
  allTmdbSeries().find((s) => String(s.tmdbId) === id);

export function tmdbImdbOf(series: CatalogSeries): string | null {
  return NO_IMDB_ON_TMDB.has(series.slug) ? null : series.imdbId;
}

export function searchTmdb(query: string): CatalogSeries[] {
  const q = searchFold(query);
  if (!q) return [];
  return allTmdbSeries().filter((s) =>
    [s.title, ...s.altTitles].some((t) => searchFold(t).includes(q)),
  );
}

function english(series: CatalogSeries): boolean {
  return ['die-nordwache', '112-notruf', '112-notruf-doku'].includes(series.slug) === false;
}

const englishTitle = (series: CatalogSeries): string =>
  series.altTitles.find((t) => /^[\x20-\x7e]+$/.test(t) && /[a-z]/i.test(t)) ?? series.title;

function overview(series: CatalogSeries, lang: TmdbLanguage): string {
  if (lang === 'en') return `${englishTitle(series)}: the English overview of this series.`;
  if (lang === 'de' && NO_GERMAN_OVERVIEW.has(series.slug)) return '';
  return series.description;
}

function images(series: CatalogSeries): { poster_path: string; backdrop_path: string } {
  return {
    poster_path: `/${series.slug}-poster-${shortHash(series.slug)}.jpg`,
    backdrop_path: `/${series.slug}-backdrop-${shortHash(series.slug)}.jpg`,
  };
}

function airDate(series: CatalogSeries, season: number, episode = 1): string {
  const year = series.startYear + Math.max(0, season - 1);
  return `${year}-${String(Math.min(12, season + 3)).padStart(2, '0')}-${String(episode * 7).padStart(2, '0')}`;
}

function seasonName(n: number, lang: TmdbLanguage): string {
  if (n === 0) return 'Specials';
  return lang === 'en' ? `Season ${n}` : `Staffel ${n}`;
}

const seasonPoster = (series: CatalogSeries, n: number): string =>
  `/${series.slug}-s${n}-${shortHash(`${series.slug}${n}`)}.jpg`;

export function summary(series: CatalogSeries, lang: TmdbLanguage): Record<string, unknown> {
  return {
    id: series.tmdbId,
    name: series.title,
    original_name: english(series)
      ? (series.altTitles.find((t) => !/^[\x20-\x7e]+$/.test(t)) ?? series.title)
      : series.title,
    original_language: english(series) ? 'ja' : 'de',
    overview: overview(series, lang),
    first_air_date: airDate(series, 1),
    genre_ids: [...new Set(series.genres.map((g) => GENRES[g]?.id).filter((g) => g !== undefined))],
    origin_country: [english(series) ? 'JP' : 'DE'],
    popularity: 10 + (series.tmdbId % 90),
    vote_average: 7.5,
    vote_count: 100 + (series.tmdbId % 1000),
    ...images(series),
  };
}

export function externalIds(series: CatalogSeries): Record<string, unknown> {
  return { id: series.tmdbId, imdb_id: tmdbImdbOf(series), tvdb_id: series.tmdbId + 300000 };
}

export function details(
  series: CatalogSeries,
  append: string[],
  lang: TmdbLanguage,
): Record<string, unknown> {
  const regular = series.seasons;
  const external = { imdb_id: tmdbImdbOf(series), tvdb_id: series.tmdbId + 300000 };
  return {
    ...summary(series, lang),
    last_air_date: airDate(series, regular[regular.length - 1]?.number ?? 1),
    in_production: series.endYear === null,
    status: series.endYear === null ? 'Returning Series' : 'Ended',
    number_of_seasons: regular.filter((s) => s.number > 0).length,
    number_of_episodes: regular
      .filter((s) => s.number > 0)
      .reduce((n, s) => n + s.episodes.length, 0),
    genres: [...new Set(series.genres)]
      .filter((g) => GENRES[g] !== undefined)
      .map((g) => ({ id: GENRES[g].id, name: lang === 'en' ? GENRES[g].en : g })),
    networks: [{ id: 4001, name: english(series) ? 'Sandbox Anime TV' : 'Sandbox Serien TV' }],
    seasons: regular.map((s) => ({
      id: series.tmdbId * 100 + s.number,
      season_number: s.number,
      name: seasonName(s.number, lang),
      episode_count: s.episodes.length,
      air_date: airDate(series, s.number),
      poster_path: seasonPoster(series, s.number),
      overview: '',
    })),
    ...(append.includes('external_ids') ? { external_ids: external } : {}),
  };
}

function episodeName(de: string, en: string, n: number, lang: TmdbLanguage): string {
  if (lang === 'en') return en;
  if (lang === 'de') return de || `Episode ${n}`;
  return de || en;
}

function episodeOverview(de: string, en: string, lang: TmdbLanguage): string {
  if (lang === 'de') return de ? `Folge „${de}“.` : '';
  return `${en}.`;
}

export function season(
  series: CatalogSeries,
  n: number,
  lang: TmdbLanguage,
): Record<string, unknown> | undefined {
  const s = series.seasons.find((x) => x.number === n);
  if (!s) return undefined;
  return {
    _id: shortHash(`${series.slug}:${n}`, 24),
    id: series.tmdbId * 100 + n,
    season_number: n,
    name: seasonName(n, lang),
    overview: '',
    air_date: airDate(series, n),
    poster_path: seasonPoster(series, n),
    episodes: s.episodes.map((ep) => ({
      id: series.tmdbId * 10000 + n * 100 + ep.number,
      season_number: n,
      episode_number: ep.number,
      name: episodeName(ep.titleDe, ep.titleEn, ep.number, lang),
      overview: episodeOverview(ep.titleDe, ep.titleEn, lang),
      air_date: airDate(series, n, ep.number),
      runtime: 24,
      still_path: `/${series.slug}-s${n}e${ep.number}-${shortHash(`${series.slug}${n}${ep.number}`)}.jpg`,
      vote_average: 7.8,
    })),
  };
}
