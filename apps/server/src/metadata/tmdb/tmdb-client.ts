import type { ErrorCode } from '@aniworld/contracts';
import type { HttpClient, HttpResponse } from '@aniworld/providers';
import {
  isObject,
  readSeason,
  readShow,
  readShowSummary,
  type TmdbSeason,
  type TmdbShow,
  type TmdbShowSummary,
} from './tmdb-types';

/**
 * Why a TMDB call failed: the key was refused (401), the thing does not exist (404), TMDB could
 * not be reached or kept failing (network, 429, 5xx after the retries), or it answered something
 * that is not TMDB JSON.
 */
export type TmdbFailure = 'key-rejected' | 'not-found' | 'unavailable' | 'bad-response';

/** The API's answer when a request fails on TMDB (the global filter reads `code`). */
const CODE_OF: Record<TmdbFailure, ErrorCode> = {
  'key-rejected': 'UPSTREAM_ERROR',
  'not-found': 'NOT_FOUND',
  unavailable: 'UPSTREAM_ERROR',
  'bad-response': 'UPSTREAM_ERROR',
};

export class TmdbError extends Error {
  readonly code: ErrorCode;

  constructor(
    readonly kind: TmdbFailure,
    message: string,
  ) {
    super(message);
    this.name = 'TmdbError';
    this.code = CODE_OF[kind];
  }
}

export interface TmdbClientOptions {
  /** API v3 root, e.g. `https://api.themoviedb.org/3`. */
  baseUrl: string;
  /** A v3 API key (sent as `api_key`) or a v4 read access token (sent as a Bearer token). */
  apiKey: string;
  /** `de-DE`; English (`en-US`) fills what this language lacks. */
  language: string;
  /** Rate limit, retries, deadline and the TTL cache come from this port (a PoliteHttpClient). */
  http: HttpClient;
}

const FALLBACK_LANGUAGE = 'en-US';

/** TMDB's placeholder for an untranslated episode name ("Episode 5", "Folge 5"). */
const PLACEHOLDER_TITLE = /^(episode|folge|épisode|episodio|aflevering|odcinek)\s*\d+$/i;

/**
 * The TMDB API v3 calls metadata needs, framework-free: the HTTP port is passed in, and every
 * error message has the key blanked out, because a v3 key travels in the query string and
 * transport errors quote the URL.
 */
export class TmdbClient {
  private readonly base: string;
  private readonly bearer: boolean;

  constructor(private readonly options: TmdbClientOptions) {
    this.base = options.baseUrl.replace(/\/+$/, '');
    // v4 read access tokens are JWTs ("eyJ….….…"); v3 keys are 32 hex characters.
    this.bearer = /^eyJ[\w-]*\.[\w-]+\.[\w-]+$/.test(options.apiKey);
  }

  /** Resolves when TMDB accepts the key; TmdbError('key-rejected') when it does not. */
  async validateKey(signal?: AbortSignal): Promise<void> {
    await this.get('/authentication', {}, signal, false);
  }

  /** The series TMDB links to an IMDb id, or null when it knows none. */
  async findByImdb(imdbId: string, signal?: AbortSignal): Promise<TmdbShowSummary | null> {
    const body = await this.get(
      `/find/${encodeURIComponent(imdbId)}`,
      { external_source: 'imdb_id', language: this.options.language },
      signal,
    );
    const results = isObject(body) && Array.isArray(body['tv_results']) ? body['tv_results'] : [];
    return results.map(readShowSummary).find((r) => r !== null) ?? null;
  }

  /** First page of TMDB's series search (20 results, most popular first). */
  async searchTv(query: string, signal?: AbortSignal): Promise<TmdbShowSummary[]> {
    const body = await this.get(
      '/search/tv',
      { query, language: this.options.language, include_adult: 'false' },
      signal,
    );
    const results = isObject(body) && Array.isArray(body['results']) ? body['results'] : [];
    return results.map(readShowSummary).filter((r): r is TmdbShowSummary => r !== null);
  }

  /** The series with external ids, in the configured language, English where that is empty. */
  async show(id: number, signal?: AbortSignal): Promise<TmdbShow> {
    const params = { append_to_response: 'external_ids' };
    const show = readShow(await this.get(`/tv/${id}`, this.lang(params), signal));
    if (!show) throw new TmdbError('bad-response', `TMDB sent no series for id ${id}`);
    if (!this.needsFallback() || (show.overview && show.genres.length)) return show;
    const english = readShow(await this.get(`/tv/${id}`, this.lang(params, true), signal));
    if (!english) return show;
    return {
      ...show,
      overview: show.overview ?? english.overview,
      genres: show.genres.length ? show.genres : english.genres,
      seasons: show.seasons.map((s) => {
        const en = english.seasons.find((e) => e.number === s.number);
        return { ...s, overview: s.overview ?? en?.overview ?? null };
      }),
    };
  }

  /** One season with its episodes (0 = specials); null when TMDB has no such season. */
  async season(id: number, number: number, signal?: AbortSignal): Promise<TmdbSeason | null> {
    const season = await this.optional(`/tv/${id}/season/${number}`, false, signal);
    if (!season || !this.needsFallback()) return season;
    const lacking = (name: string | null, overview: string | null) =>
      !name || PLACEHOLDER_TITLE.test(name) || !overview;
    if (!season.episodes.some((e) => lacking(e.name, e.overview))) return season;
    const english = await this.optional(`/tv/${id}/season/${number}`, true, signal);
    if (!english) return season;
    return {
      ...season,
      overview: season.overview ?? english.overview,
      episodes: season.episodes.map((e) => {
        const en = english.episodes.find((x) => x.episode === e.episode);
        const placeholder = !e.name || PLACEHOLDER_TITLE.test(e.name);
        return {
          ...e,
          name: placeholder && en?.name ? en.name : e.name,
          overview: e.overview ?? en?.overview ?? null,
        };
      }),
    };
  }

  private async optional(
    path: string,
    english: boolean,
    signal?: AbortSignal,
  ): Promise<TmdbSeason | null> {
    try {
      return readSeason(await this.get(path, this.lang({}, english), signal));
    } catch (error) {
      if (error instanceof TmdbError && error.kind === 'not-found') return null;
      throw error;
    }
  }

  private needsFallback(): boolean {
    return !this.options.language.toLowerCase().startsWith('en');
  }

  private lang(params: Record<string, string>, english = false): Record<string, string> {
    return { ...params, language: english ? FALLBACK_LANGUAGE : this.options.language };
  }

  private async get(
    path: string,
    params: Record<string, string>,
    signal?: AbortSignal,
    cache = true,
  ): Promise<unknown> {
    const url = new URL(`${this.base}${path}`);
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.bearer) headers['authorization'] = `Bearer ${this.options.apiKey}`;
    else url.searchParams.set('api_key', this.options.apiKey);
    let response: HttpResponse;
    try {
      response = await this.options.http.get(url.toString(), { headers, signal, cache });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new TmdbError('unavailable', this.redact(`TMDB unreachable: ${String(error)}`));
    }
    if (response.status === 401)
      throw new TmdbError('key-rejected', 'TMDB refused the API key (401)');
    if (response.status === 404) throw new TmdbError('not-found', `TMDB has no ${path}`);
    if (response.status !== 200)
      throw new TmdbError('unavailable', `TMDB answered ${response.status} for ${path}`);
    try {
      return JSON.parse(response.body) as unknown;
    } catch {
      throw new TmdbError('bad-response', `TMDB sent something that is not JSON for ${path}`);
    }
  }

  private redact(message: string): string {
    return message.split(this.options.apiKey).join('***');
  }
}
