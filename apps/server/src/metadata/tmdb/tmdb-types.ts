/**
 * TMDB API v3 as this server reads it (docs/metadata.md, "TMDB"): only the fields the matcher,
 * the NFO writer and the artwork need, checked field by field when the JSON is read, so a
 * surprising answer leaves a field empty instead of breaking a write.
 */

export interface TmdbShowSummary {
  id: number;
  name: string;
  originalName: string | null;
  overview: string | null;
  /** `yyyy-MM-dd` */
  firstAirDate: string | null;
  posterPath: string | null;
  backdropPath: string | null;
}

export interface TmdbSeasonSummary {
  id: number | null;
  number: number;
  name: string | null;
  overview: string | null;
  airDate: string | null;
  posterPath: string | null;
}

export interface TmdbShow extends TmdbShowSummary {
  genres: string[];
  /** Networks first, then production companies (Kodi's `studio`). */
  studios: string[];
  /** TMDB's wording: "Returning Series", "Ended", "Canceled", … */
  status: string | null;
  lastAirDate: string | null;
  seasons: TmdbSeasonSummary[];
  imdbId: string | null;
  tvdbId: number | null;
}

export interface TmdbEpisode {
  id: number;
  season: number;
  episode: number;
  name: string | null;
  overview: string | null;
  airDate: string | null;
  runtime: number | null;
  stillPath: string | null;
}

export interface TmdbSeason extends TmdbSeasonSummary {
  episodes: TmdbEpisode[];
}

type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : null;

const integer = (value: unknown): number | null =>
  typeof value === 'number' && Number.isInteger(value) ? value : null;

/** `yyyy-MM-dd` or nothing: TMDB sends "" for unknown dates. */
const date = (value: unknown): string | null =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null;

/** Image paths are joined to the image base URL, so only a plain file name is accepted. */
const imagePath = (value: unknown): string | null =>
  typeof value === 'string' && /^\/[\w-]+\.(jpg|jpeg|png|webp)$/i.test(value) ? value : null;

const names = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.map((v) => (isObject(v) ? text(v['name']) : null)).filter((n): n is string => !!n)
    : [];

export function readShowSummary(raw: unknown): TmdbShowSummary | null {
  if (!isObject(raw)) return null;
  const id = integer(raw['id']);
  const name = text(raw['name']) ?? text(raw['original_name']);
  if (id === null || name === null) return null;
  return {
    id,
    name,
    originalName: text(raw['original_name']),
    overview: text(raw['overview']),
    firstAirDate: date(raw['first_air_date']),
    posterPath: imagePath(raw['poster_path']),
    backdropPath: imagePath(raw['backdrop_path']),
  };
}

function readSeasonSummary(raw: unknown): TmdbSeasonSummary | null {
  if (!isObject(raw)) return null;
  const number = integer(raw['season_number']);
  if (number === null || number < 0) return null;
  return {
    id: integer(raw['id']),
    number,
    name: text(raw['name']),
    overview: text(raw['overview']),
    airDate: date(raw['air_date']),
    posterPath: imagePath(raw['poster_path']),
  };
}

export function readShow(raw: unknown): TmdbShow | null {
  const summary = readShowSummary(raw);
  if (!summary || !isObject(raw)) return null;
  const external = isObject(raw['external_ids']) ? raw['external_ids'] : {};
  const imdb = text(external['imdb_id']);
  return {
    ...summary,
    genres: names(raw['genres']),
    studios: [...new Set([...names(raw['networks']), ...names(raw['production_companies'])])],
    status: text(raw['status']),
    lastAirDate: date(raw['last_air_date']),
    seasons: Array.isArray(raw['seasons'])
      ? raw['seasons'].map(readSeasonSummary).filter((s): s is TmdbSeasonSummary => s !== null)
      : [],
    imdbId: imdb && /^tt\d{5,12}$/.test(imdb) ? imdb : null,
    tvdbId: integer(external['tvdb_id']),
  };
}

function readEpisode(raw: unknown): TmdbEpisode | null {
  if (!isObject(raw)) return null;
  const id = integer(raw['id']);
  const season = integer(raw['season_number']);
  const episode = integer(raw['episode_number']);
  if (id === null || season === null || episode === null) return null;
  return {
    id,
    season,
    episode,
    name: text(raw['name']),
    overview: text(raw['overview']),
    airDate: date(raw['air_date']),
    runtime: integer(raw['runtime']),
    stillPath: imagePath(raw['still_path']),
  };
}

export function readSeason(raw: unknown): TmdbSeason | null {
  const summary = readSeasonSummary(raw);
  if (!summary || !isObject(raw)) return null;
  return {
    ...summary,
    episodes: Array.isArray(raw['episodes'])
      ? raw['episodes'].map(readEpisode).filter((e): e is TmdbEpisode => e !== null)
      : [],
  };
}

/** The year of a `yyyy-MM-dd` date. */
export function yearOf(value: string | null): number | null {
  return value ? Number(value.slice(0, 4)) : null;
}
