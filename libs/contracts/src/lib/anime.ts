import type { LanguageCode } from './languages';
import type { ProviderSearchResult, SiteId } from './providers';

export interface EpisodeRef {
  season: number;
  episode: number;
}

export interface AnimeEpisode {
  season: number;
  episode: number;
  title_de: string | null;
  title_en: string | null;
  /** Languages the site offers for this episode, when known. */
  languages: LanguageCode[];
  is_downloaded: boolean;
  file_path: string | null;
  /**
   * A `.strm` file for the episode in the library (it streams in Jellyfin/Emby through the
   * proxy): the episode counts as present, not missing, and is never queued by itself; a download
   * asked for replaces the `.strm` (docs/strm.md, "In the library"). Null without one.
   */
  strm_path: string | null;
  /** Pending or downloading in the queue. */
  queued: boolean;
  /**
   * Where the episode stands in the queue: an open item (pending or downloading), or `failed`
   * when its last item failed for good and it is still not on disk; null otherwise.
   */
  queue_status: 'pending' | 'downloading' | 'failed' | null;
  /** The language of the file on disk when Aniworld downloaded it; null when unknown. */
  downloaded_language: LanguageCode | null;
  /** On disk in a language other than the first of the series' preference. */
  fallback: boolean;
  /** A more preferred language the site now offers for the file on disk (an upgrade can be queued). */
  upgrade_language: LanguageCode | null;
  /** First air date (`yyyy-MM-dd`) from TMDB, once the series is matched. */
  air_date: string | null;
}

export interface AnimeSummary {
  /** Provider slug: the identifier everywhere. */
  key: string;
  name: string;
  site: SiteId;
  /** Folder under the anime directory (display and filesystem metadata only). */
  folder: string | null;
  year: number | null;
  /** The cover on the site (an external URL). */
  cover_url: string | null;
  /**
   * The stored TMDB poster (`GET /api/anime/{key}/poster`), as a short-lived signed URL that an
   * `<img>` can load without a header (docs/metadata.md); null until artwork is stored.
   */
  poster_url: string | null;
  /** The same poster in the small size for lists and grids. */
  poster_small_url: string | null;
  description: string | null;
  total_episodes: number;
  downloaded_episodes: number;
  missing_episodes: number;
  /** The missing episodes as the earlier Aniworld API gave them: season → episode numbers. */
  missing: Record<string, number[]>;
  /** Missing episodes are queued automatically after scans and new-episode checks. */
  monitored: boolean;
  updated_at: string;
}

export interface AnimeSeason {
  season: number;
  episodes: AnimeEpisode[];
}

export interface AnimeDetail extends AnimeSummary {
  alt_titles: string[];
  /** The stored TMDB backdrop (`GET /api/anime/{key}/fanart`), signed like `poster_url`. */
  fanart_url: string | null;
  /** Genres from TMDB (in `metadata.language`), empty until matched. */
  genres: string[];
  tmdb_id: number | null;
  tvdb_id: number | null;
  imdb_id: string | null;
  /** Per-series override; null (or an empty list) uses the global preference. */
  language_preference: LanguageCode[] | null;
  seasons: AnimeSeason[];
}

export const ANIME_SORT_FIELDS = ['name', 'year', 'missing', 'updated'] as const;
export type AnimeSortField = (typeof ANIME_SORT_FIELDS)[number];

export interface AnimeListQuery {
  page?: number;
  page_size?: number;
  /** Case-insensitive match on name, alternative titles and key. */
  q?: string;
  site?: SiteId;
  /** Only series with missing episodes (default true, as in the earlier Aniworld API). */
  missing_only?: boolean;
  sort?: AnimeSortField;
  order?: 'asc' | 'desc';
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  page_size: number;
}

export interface AnimeSearchRequest {
  query: string;
  site?: SiteId;
}

export type AnimeSearchResult = ProviderSearchResult & {
  /** Already in the library. */
  in_library: boolean;
};

export interface AnimeAddRequest {
  /** A series URL on either site, or … */
  link?: string;
  /** … its key, together with `site`. */
  key?: string;
  site?: SiteId;
  /** Monitor the series from the start (default off). */
  monitor?: boolean;
}

/** PATCH /api/anime/{key}: what is left out stays as it is. */
export interface AnimeUpdateRequest {
  /** null or [] = the global preference. */
  language_preference?: LanguageCode[] | null;
  monitored?: boolean;
}

export type ScanState = 'running' | 'completed' | 'failed' | 'cancelled';

export interface ScanStatus {
  scan_id: string;
  state: ScanState;
  started_at: string;
  finished_at: string | null;
  folders_total: number;
  folders_done: number;
  /** Folders skipped because nothing changed since the last scan. */
  folders_unchanged: number;
  series_matched: number;
  unmatched: number;
  current_folder: string | null;
  error: string | null;
}

export interface RescanResponse {
  scan_id: string;
}

export interface MatchCandidate {
  site: SiteId;
  key: string;
  name: string;
  /** 0..1 */
  confidence: number;
  /** First year, as the site says. */
  year: number | null;
  /** The series on its site. */
  url: string | null;
  /** The cover through the server's cache (`/api/covers/…`); never the site's own address. */
  cover_url: string | null;
}

export interface UnmatchedFolder {
  folder: string;
  /** Title and year read from the folder name. */
  title: string;
  year: number | null;
  episode_files: number;
  candidates: MatchCandidate[];
}

export interface MatchFolderRequest {
  folder: string;
  key: string;
  site: SiteId;
}

/** `POST /api/anime/unmatched/ignore`: the folder is no longer listed or matched by scans. */
export interface IgnoreFolderRequest {
  folder: string;
  /** false lists it again from the next scan on. Default true. */
  ignored?: boolean;
}
