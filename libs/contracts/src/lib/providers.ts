import type { HosterName } from './config';
import type { LanguageCode, LanguagePair } from './languages';
import type { HosterAttempt } from './queue';
import type { StreamDescriptor } from './stream';

export const SITE_IDS = ['aniworld', 'sto'] as const;
export type SiteId = (typeof SITE_IDS)[number];

export const SITE_NAMES: Record<SiteId, string> = { aniworld: 'AniWorld', sto: 'SerienStream' };

export interface ProviderFailure {
  at: string;
  code: string;
  message: string;
}

/** Last outcome of talking to a site or hoster, for diagnosis. */
export interface ProviderHealth {
  last_success_at: string | null;
  last_failure: ProviderFailure | null;
}

export interface SiteInfo extends ProviderHealth {
  id: SiteId;
  name: string;
  base_url: string;
}

export interface HosterInfo extends ProviderHealth {
  name: HosterName;
  enabled: boolean;
  /** Position in the configured order (0 = tried first). */
  order: number;
}

export interface ProvidersOverview {
  sites: SiteInfo[];
  hosters: HosterInfo[];
}

export interface ProviderSearchResult {
  site: SiteId;
  key: string;
  name: string;
  url: string;
  description: string | null;
  cover_url: string | null;
  /** As the site prints it, e.g. "(2020 - 2024)". */
  years: string | null;
}

export interface ProviderSeason {
  /** 0 holds films and specials. */
  number: number;
  url: string;
}

export interface ProviderSeries {
  site: SiteId;
  key: string;
  url: string;
  name: string;
  alt_titles: string[];
  description: string | null;
  genres: string[];
  start_year: number | null;
  end_year: number | null;
  cover_url: string | null;
  imdb_id: string | null;
  fsk: number | null;
  seasons: ProviderSeason[];
}

export interface ProviderEpisode {
  season: number;
  episode: number;
  title_de: string | null;
  title_en: string | null;
  url: string;
  hosters: string[];
  /** Only where the site's table shows availability (s.to); null otherwise. */
  languages: LanguageCode[] | null;
}

export interface ProviderHosterLink {
  /** Normalised name; null when the label is unknown to us. */
  hoster: HosterName | null;
  hoster_label: string;
  language: LanguagePair;
  language_code: LanguageCode;
  redirect_url: string;
}

export interface ProviderEpisodeDetails {
  site: SiteId;
  key: string;
  season: number;
  episode: number;
  title_de: string | null;
  title_en: string | null;
  url: string;
  links: ProviderHosterLink[];
}

export interface ProviderNewEpisode {
  key: string;
  series_name: string;
  season: number;
  episode: number;
  url: string;
  language_code: LanguageCode | null;
  date: string | null;
}

export interface ResolveRequest {
  site: SiteId;
  key: string;
  season: number;
  episode: number;
  language?: LanguageCode;
  hoster?: HosterName;
}

export interface ResolveResponse {
  site: SiteId;
  key: string;
  season: number;
  episode: number;
  hoster: HosterName;
  language_code: LanguageCode;
  embed_url: string;
  descriptor: StreamDescriptor;
  /** Hosters tried before this one, and why they failed. */
  attempts: HosterAttempt[];
}
