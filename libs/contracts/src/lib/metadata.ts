import type { HealthCheckResult } from './health';
import type { SiteId } from './providers';

/**
 * How sure the server is about a series' TMDB entry. `matched` is used for NFO files and artwork;
 * `uncertain` waits for the user to pick one of the candidates (never guessed); `not_found`
 * means TMDB had nothing like it; `failed` means TMDB could not be asked (retried later).
 */
export const METADATA_MATCH_STATES = ['matched', 'uncertain', 'not_found', 'failed'] as const;
export type MetadataMatchState = (typeof METADATA_MATCH_STATES)[number];

/** How a match was made: the site's IMDb id, the title and year, or by hand. */
export type MetadataMatchMethod = 'imdb' | 'title' | 'manual';

/** One TMDB series that a library series might be. */
export interface TmdbCandidate {
  tmdb_id: number;
  name: string;
  original_name: string | null;
  year: number | null;
  overview: string | null;
  /** A small poster on TMDB's image server (or the sandbox), for the confirm dialog. */
  poster_url: string | null;
  /** 0..1 */
  confidence: number;
}

/** What the last metadata write for an episode did. */
export interface MetadataWriteOutcome {
  at: string;
  season: number;
  episode: number;
  outcome: 'written' | 'skipped' | 'failed';
  /** Why it was skipped or failed, e.g. "the TMDB match is uncertain". */
  reason: string | null;
  /** Files written, relative to the series folder. */
  written: string[];
  /** Files left alone because someone else wrote them (see `metadata.overwrite_nfo`). */
  kept: string[];
}

/** GET /api/anime/{key}/metadata: the series' TMDB match and the last write. */
export interface SeriesMetadata {
  key: string;
  name: string;
  site: SiteId;
  year: number | null;
  /** null until the series was looked up (no key configured yet, or just added). */
  state: MetadataMatchState | null;
  method: MetadataMatchMethod | null;
  confidence: number | null;
  tmdb_id: number | null;
  tvdb_id: number | null;
  imdb_id: string | null;
  /** Ranked TMDB candidates of an uncertain match (empty otherwise). */
  candidates: TmdbCandidate[];
  error: string | null;
  checked_at: string | null;
  last_write: MetadataWriteOutcome | null;
}

/** PUT /api/anime/{key}/metadata: confirm a candidate or set the TMDB id by hand. */
export interface SetTmdbIdRequest {
  tmdb_id: number;
}

/** POST /api/anime/{key}/metadata/refresh: what was written for the series. */
export interface MetadataRefreshResponse {
  metadata: SeriesMetadata;
  /** Episodes on disk whose NFO and thumb were (re)considered. */
  episodes: number;
  written: string[];
  kept: string[];
}

/** PUT /api/metadata/tmdb-key: the TMDB API key (v3 key or v4 read token); null removes it. */
export interface SetTmdbKeyRequest {
  api_key: string | null;
}

/**
 * GET /api/metadata/status, for the settings page: whether metadata works and, if not, what is
 * missing. The key itself is never part of any response; `api_key_hint` shows its last 4
 * characters so the user can tell which key is set.
 */
export interface MetadataStatus {
  /** A key is configured and TMDB accepted it at the last check. */
  ready: boolean;
  tmdb_api_key_set: boolean;
  api_key_hint: string | null;
  /** TMDB_API_KEY sets it; it cannot be changed from the app. */
  api_key_from_env: boolean;
  /** What to do before metadata works, in words; empty when ready. */
  missing: string[];
  language: string;
  overwrite_nfo: boolean;
  /** The `tmdb` health check as last made. */
  check: HealthCheckResult;
  /** Series waiting for the user to confirm their TMDB match. */
  uncertain: number;
}
