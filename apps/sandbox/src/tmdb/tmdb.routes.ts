import type { CatalogSeries } from '../catalog/catalog';
import { SANDBOX_CATALOG } from '../catalog/catalog';
import { jpegReply, searchFold, shortHash } from '../server/assets';
import { json, type RequestContext, type Reply, type Route } from '../server/http-types';

const GENRES: Record<string, number> = {
  Abenteuer: 10759,
  Action: 10759,
  Fantasy: 10765,
  Drama: 18,
  Komödie: 35,
  Krimi: 80,
  Mystery: 9648,
  'Slice of Life': 18,
};

function english(series: CatalogSeries): boolean {
  return ['die-nordwache', '112-notruf'].includes(series.slug) === false;
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

function summary(series: CatalogSeries): Record<string, unknown> {
  return {
    id: series.tmdbId,
    name: series.title,
    original_name: english(series)
      ? (series.altTitles.find((t) => !/^[\x20-\x7e]+$/.test(t)) ?? series.title)
      : series.title,
    original_language: english(series) ? 'ja' : 'de',
    overview: series.description,
    first_air_date: airDate(series, 1),
    genre_ids: [...new Set(series.genres.map((g) => GENRES[g]).filter((g) => g !== undefined))],
    origin_country: [english(series) ? 'JP' : 'DE'],
    popularity: 10 + (series.tmdbId % 90),
    vote_average: 7.5,
    vote_count: 100 + (series.tmdbId % 1000),
    ...images(series),
  };
}

function details(series: CatalogSeries, append: string[]): Record<string, unknown> {
  const regular = series.seasons;
  const external = { imdb_id: series.imdbId, tvdb_id: series.tmdbId + 300000 };
  return {
    ...summary(series),
    last_air_date: airDate(series, regular[regular.length - 1]?.number ?? 1),
    in_production: series.endYear === null,
    status: series.endYear === null ? 'Returning Series' : 'Ended',
    number_of_seasons: regular.filter((s) => s.number > 0).length,
    number_of_episodes: regular
      .filter((s) => s.number > 0)
      .reduce((n, s) => n + s.episodes.length, 0),
    genres: [...new Set(series.genres)]
      .filter((g) => GENRES[g] !== undefined)
      .map((g) => ({ id: GENRES[g], name: g })),
    seasons: regular.map((s) => ({
      id: series.tmdbId * 100 + s.number,
      season_number: s.number,
      name: s.number === 0 ? 'Specials' : `Staffel ${s.number}`,
      episode_count: s.episodes.length,
      air_date: airDate(series, s.number),
      poster_path: `/${series.slug}-s${s.number}-${shortHash(`${series.slug}${s.number}`)}.jpg`,
      overview: '',
    })),
    ...(append.includes('external_ids') ? { external_ids: external } : {}),
  };
}

function season(series: CatalogSeries, n: number): Record<string, unknown> | undefined {
  const s = series.seasons.find((x) => x.number === n);
  if (!s) return undefined;
  return {
    _id: shortHash(`${series.slug}:${n}`, 24),
    id: series.tmdbId * 100 + n,
    season_number: n,
    name: n === 0 ? 'Specials' : `Staffel ${n}`,
    overview: '',
    air_date: airDate(series, n),
    poster_path: `/${series.slug}-s${n}-${shortHash(`${series.slug}${n}`)}.jpg`,
    episodes: s.episodes.map((ep) => ({
      id: series.tmdbId * 10000 + n * 100 + ep.number,
      season_number: n,
      episode_number: ep.number,
      name: ep.titleDe || ep.titleEn,
      overview: `${ep.titleEn}.`,
      air_date: airDate(series, n, ep.number),
      runtime: 24,
      still_path: `/${series.slug}-s${n}e${ep.number}-${shortHash(`${series.slug}${n}${ep.number}`)}.jpg`,
      vote_average: 7.8,
    })),
  };
}

const UNAUTHORIZED = {
  status_code: 7,
  status_message: 'Invalid API key: You must be granted a valid key.',
  success: false,
};
const NOT_FOUND = {
  status_code: 34,
  status_message: 'The resource you requested could not be found.',
  success: false,
};

function authorized(ctx: RequestContext): boolean {
  return (
    Boolean(ctx.query.get('api_key')) || /^Bearer\s+\S+/.test(ctx.header('authorization') ?? '')
  );
}

function guarded(handler: (ctx: RequestContext) => Reply) {
  return (ctx: RequestContext): Reply => (authorized(ctx) ? handler(ctx) : json(UNAUTHORIZED, 401));
}

const byId = (id: string): CatalogSeries | undefined =>
  SANDBOX_CATALOG.series.find((s) => String(s.tmdbId) === id);

/** `/tmdb/3/…` (api_key query param or Bearer token, any value) and images under `/tmdb/t/p/<size>/…`. */
export function tmdbRoutes(): Route[] {
  return [
    {
      method: 'GET',
      pattern: /^\/3\/search\/tv\/?$/,
      handler: guarded((ctx) => {
        const q = searchFold(ctx.query.get('query') ?? '');
        const results = q
          ? SANDBOX_CATALOG.series
              .filter((s) => [s.title, ...s.altTitles].some((t) => searchFold(t).includes(q)))
              .map(summary)
          : [];
        return json({
          page: 1,
          results,
          total_pages: results.length ? 1 : 0,
          total_results: results.length,
        });
      }),
    },
    {
      method: 'GET',
      pattern: /^\/3\/tv\/(\d+)\/?$/,
      handler: guarded((ctx) => {
        const s = byId(ctx.params[0]);
        return s
          ? json(details(s, (ctx.query.get('append_to_response') ?? '').split(',')))
          : json(NOT_FOUND, 404);
      }),
    },
    {
      method: 'GET',
      pattern: /^\/3\/tv\/(\d+)\/external_ids\/?$/,
      handler: guarded((ctx) => {
        const s = byId(ctx.params[0]);
        return s
          ? json({ id: s.tmdbId, imdb_id: s.imdbId, tvdb_id: s.tmdbId + 300000 })
          : json(NOT_FOUND, 404);
      }),
    },
    {
      method: 'GET',
      pattern: /^\/3\/tv\/(\d+)\/season\/(\d+)\/?$/,
      handler: guarded((ctx) => {
        const s = byId(ctx.params[0]);
        const body = s && season(s, Number(ctx.params[1]));
        return body ? json(body) : json(NOT_FOUND, 404);
      }),
    },
    { method: 'GET', pattern: /^\/t\/p\/[a-z0-9]+\/[\w.-]+\.jpg$/, handler: () => jpegReply() },
  ];
}
