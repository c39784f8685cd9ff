import type { HosterName, LanguagePair, SiteId } from '@aniworld/contracts';

/** The sites are a wire type (contracts); re-exported so the library reads on its own. */
export { SITE_IDS, type SiteId } from '@aniworld/contracts';

export interface SearchResult {
  site: SiteId;
  /** The slug; the identifier everywhere else. */
  key: string;
  title: string;
  /** Absolute URL built on the configured base URL. */
  url: string;
  description?: string;
  coverUrl?: string;
  /** As the site prints it, e.g. "(2020 - 2024)". */
  years?: string;
}

export interface SeasonRef {
  /** 0 = films/specials. */
  number: number;
  url: string;
}

export interface SeriesDetails {
  site: SiteId;
  key: string;
  url: string;
  title: string;
  altTitles: string[];
  description: string | null;
  genres: string[];
  startYear: number | null;
  /** null while running ("heute") or unknown. */
  endYear: number | null;
  coverUrl: string | null;
  imdbId: string | null;
  fsk: number | null;
  seasons: SeasonRef[];
}

export interface EpisodeSummary {
  /** 0 for films. */
  season: number;
  /** Episode number, or the film index K for films. */
  number: number;
  titleDe: string | null;
  titleEn: string | null;
  url: string;
  /** Hoster names listed in the row (normalised where known, the raw label otherwise). */
  hosters: string[];
  /** Only where the site's table shows real availability (s.to); aniworld's flags are a legend. */
  languages?: LanguagePair[];
}

export interface HosterLink {
  site: SiteId;
  /** Normalised hoster, null when the label is unknown to us. */
  hoster: HosterName | null;
  /** The label as the page shows it. */
  hosterLabel: string;
  language: LanguagePair;
  /** Absolute redirect URL on the configured base URL (`…/redirect/<id>`, `…/r?t=<token>`). */
  redirectUrl: string;
  linkId?: string;
}

export interface EpisodeDetails {
  site: SiteId;
  key: string;
  season: number;
  number: number;
  titleDe: string | null;
  titleEn: string | null;
  url: string;
  links: HosterLink[];
}

export interface CatalogEntry {
  key: string;
  title: string;
  altTitles: string[];
  url: string;
}

export interface NewEpisode {
  key: string;
  seriesTitle: string;
  season: number;
  episode: number;
  url: string;
  language: LanguagePair | null;
  /** As printed, e.g. "30.09.2026". */
  date: string | null;
}

/** One episode aniworld's calendar (`/animekalender`) announces, per language. */
export interface UpcomingEpisode {
  key: string;
  seriesTitle: string;
  season: number;
  episode: number;
  language: LanguagePair | null;
  /** The day it is announced for, as its heading prints it, e.g. "30.09.2026". */
  date: string | null;
  /** The announced time of day, `HH:MM` in the site's time zone ("~ 12:00 Uhr"), if printed. */
  time: string | null;
}

/** One streaming site. Every method throws a ProviderError rather than return a misleading empty result. */
export interface SiteAdapter {
  readonly id: SiteId;
  readonly baseUrl: string;
  search(query: string, signal?: AbortSignal): Promise<SearchResult[]>;
  getSeries(key: string, signal?: AbortSignal): Promise<SeriesDetails>;
  listSeasons(key: string, signal?: AbortSignal): Promise<SeasonRef[]>;
  getSeason(key: string, season: number, signal?: AbortSignal): Promise<EpisodeSummary[]>;
  getEpisode(
    key: string,
    season: number,
    episode: number,
    signal?: AbortSignal,
  ): Promise<EpisodeDetails>;
  catalog(signal?: AbortSignal): Promise<CatalogEntry[]>;
  /** Only aniworld has a new-episodes list; s.to resolves to undefined here. */
  newEpisodes?(signal?: AbortSignal): Promise<NewEpisode[]>;
  /** Only aniworld has a calendar of coming episodes. */
  upcomingEpisodes?(signal?: AbortSignal): Promise<UpcomingEpisode[]>;
  /** Reads the hoster embed URL from the site's redirect without following it. */
  resolveRedirect(redirectUrl: string, signal?: AbortSignal): Promise<string>;
}
