import type { LanguageCode } from './languages';

/**
 * What the *arr side offers as `.strm` (docs/strm.md): `off` nothing, `both` every release also
 * as a ` [STRM]` variant, `only` the ` [STRM]` variants alone.
 */
export const STRM_MODES = ['off', 'both', 'only'] as const;
export type StrmMode = (typeof STRM_MODES)[number];

/** `POST /api/strm/series/{key}`: `.strm` files into the library instead of downloads. */
export interface StrmWriteRequest {
  /** One season (0 = films and specials); all seasons when left out. */
  season?: number;
  /** The language the files stream; by default the series' then the global preference. */
  language?: LanguageCode;
}

export interface StrmWrittenFile {
  season: number;
  episode: number;
  language: LanguageCode;
  /** Absolute path of the `.strm` file in the library. */
  path: string;
}

export interface StrmSkippedEpisode {
  season: number;
  episode: number;
  /** Why no file was written (already on disk, not offered in the wanted languages, …). */
  reason: string;
}

export interface StrmWriteResponse {
  written: StrmWrittenFile[];
  skipped: StrmSkippedEpisode[];
}
