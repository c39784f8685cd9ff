import type { TorznabErrorCode } from '@aniworld/contracts';
import { parseEpisodeParam, parseSeasonParam } from './numbering';
import { TORZNAB_LIMITS } from './torznab-xml';

/** Answered as `<error code description/>` with HTTP 200 (Sonarr throws on any status ≥ 400). */
export class TorznabError extends Error {
  constructor(
    readonly code: TorznabErrorCode,
    description: string,
  ) {
    super(description);
    this.name = 'TorznabError';
  }
}

export type TorznabFunction = 'caps' | 'search' | 'tvsearch' | 'movie';

export interface TorznabRequest {
  t: TorznabFunction;
  apikey: string | undefined;
  q: string | undefined;
  /** undefined: not asked; null: asked in a form these sites cannot have (a year, a date). */
  season: number | null | undefined;
  ep: number | null | undefined;
  tvdbid: number | undefined;
  /** Digits without `tt` (Radarr strips it, Sonarr sends it). */
  imdbid: string | undefined;
  /** undefined: no filter. */
  cats: number[] | undefined;
  offset: number;
  limit: number;
  extended: boolean;
}

/** Functions of the Newznab family this indexer does not serve. */
const NOT_AVAILABLE = new Set(['music', 'book', 'details', 'get', 'getnfo', 'register', 'cart']);

/**
 * Parses the query string: parameter names case-insensitively, every value checked, and a
 * Torznab error naming the parameter for anything out of range (docs/arr-torznab.md, "Errors").
 */
export function parseTorznabQuery(raw: Record<string, unknown>): TorznabRequest {
  const params = new Map<string, string>();
  for (const [k, v] of Object.entries(raw)) {
    const value = Array.isArray(v) ? v[v.length - 1] : v;
    if (typeof value === 'string') params.set(k.toLowerCase(), value);
  }
  const get = (name: string): string | undefined => {
    const v = params.get(name);
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };

  const t = get('t')?.toLowerCase();
  if (!t) throw new TorznabError(200, 'Missing parameter: t');
  const fn = t === 'movie-search' ? 'movie' : t === 'tv-search' ? 'tvsearch' : t;
  if (!['caps', 'search', 'tvsearch', 'movie'].includes(fn)) {
    if (NOT_AVAILABLE.has(fn)) throw new TorznabError(203, `Function not available: t=${t}`);
    throw new TorznabError(202, `No such function: t=${t}`);
  }

  const int = (name: string, min: number): number | undefined => {
    const v = get(name);
    if (v === undefined) return undefined;
    if (!/^\d+$/.test(v) || Number(v) < min || !Number.isSafeInteger(Number(v)))
      throw new TorznabError(201, `Incorrect parameter: ${name} must be an integer ≥ ${min}`);
    return Number(v);
  };

  const catRaw = get('cat');
  if (catRaw !== undefined && !/^\d+(,\d+)*$/.test(catRaw))
    throw new TorznabError(201, 'Incorrect parameter: cat must be comma-separated integers');

  const seasonRaw = get('season');
  const season = seasonRaw === undefined ? undefined : parseSeasonParam(seasonRaw);
  if (season === 'invalid') throw new TorznabError(201, 'Incorrect parameter: season');
  const epRaw = get('ep');
  const ep = epRaw === undefined ? undefined : parseEpisodeParam(epRaw);
  if (ep === 'invalid') throw new TorznabError(201, 'Incorrect parameter: ep');

  const imdbRaw = get('imdbid');
  if (imdbRaw !== undefined && !/^(tt)?\d{1,10}$/i.test(imdbRaw))
    throw new TorznabError(201, 'Incorrect parameter: imdbid');

  const ext = get('extended')?.toLowerCase();
  if (ext !== undefined && !['0', '1', 'true', 'false', 'yes', 'no'].includes(ext))
    throw new TorznabError(201, 'Incorrect parameter: extended');

  const limit = int('limit', 0);
  return {
    t: fn as TorznabFunction,
    apikey: params.get('apikey'),
    q: get('q'),
    season,
    ep,
    tvdbid: int('tvdbid', 1),
    imdbid: imdbRaw?.replace(/^tt/i, ''),
    cats: catRaw?.split(',').map(Number),
    offset: int('offset', 0) ?? 0,
    // 0 or nothing: the default page; above max: capped, as the spec asks.
    limit: Math.min(limit || TORZNAB_LIMITS.default, TORZNAB_LIMITS.max),
    extended: ext === '1' || ext === 'true' || ext === 'yes',
  };
}
