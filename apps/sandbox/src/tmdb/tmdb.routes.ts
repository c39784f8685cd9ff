import { jpegReply } from '../server/assets';
import { json, type RequestContext, type Reply, type Route } from '../server/http-types';
import {
  allTmdbSeries,
  details,
  externalIds,
  languageOf,
  searchTmdb,
  season,
  summary,
  tmdbImdbOf,
  tmdbSeriesById,
} from './tmdb-data';

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

const lang = (ctx: RequestContext) => languageOf(ctx.query.get('language'));

/** `/tmdb/3/…` (api_key query param or Bearer token, any value) and images under `/tmdb/t/p/<size>/…`. */
export function tmdbRoutes(): Route[] {
  return [
    {
      method: 'GET',
      pattern: /^\/3\/authentication\/?$/,
      handler: guarded(() => json({ success: true, status_code: 1, status_message: 'Success.' })),
    },
    {
      method: 'GET',
      pattern: /^\/3\/search\/tv\/?$/,
      handler: guarded((ctx) => {
        const results = searchTmdb(ctx.query.get('query') ?? '').map((s) => summary(s, lang(ctx)));
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
      pattern: /^\/3\/find\/([^/]+)\/?$/,
      handler: guarded((ctx) => {
        const id = decodeURIComponent(ctx.params[0]);
        const tv =
          ctx.query.get('external_source') === 'imdb_id'
            ? allTmdbSeries().filter((s) => tmdbImdbOf(s) === id)
            : [];
        return json({
          movie_results: [],
          person_results: [],
          tv_results: tv.map((s) => summary(s, lang(ctx))),
          tv_episode_results: [],
          tv_season_results: [],
        });
      }),
    },
    {
      method: 'GET',
      pattern: /^\/3\/tv\/(\d+)\/?$/,
      handler: guarded((ctx) => {
        const s = tmdbSeriesById(ctx.params[0]);
        const append = (ctx.query.get('append_to_response') ?? '').split(',');
        return s ? json(details(s, append, lang(ctx))) : json(NOT_FOUND, 404);
      }),
    },
    {
      method: 'GET',
      pattern: /^\/3\/tv\/(\d+)\/external_ids\/?$/,
      handler: guarded((ctx) => {
        const s = tmdbSeriesById(ctx.params[0]);
        return s ? json(externalIds(s)) : json(NOT_FOUND, 404);
      }),
    },
    {
      method: 'GET',
      pattern: /^\/3\/tv\/(\d+)\/season\/(\d+)\/?$/,
      handler: guarded((ctx) => {
        const s = tmdbSeriesById(ctx.params[0]);
        const body = s && season(s, Number(ctx.params[1]), lang(ctx));
        return body ? json(body) : json(NOT_FOUND, 404);
      }),
    },
    { method: 'GET', pattern: /^\/t\/p\/[a-z0-9]+\/[\w.-]+\.jpg$/, handler: () => jpegReply() },
  ];
}
