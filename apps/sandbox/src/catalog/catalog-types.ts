import type { HosterName, LanguageCode } from '@aniworld/contracts';
import type { HosterExpectation } from './hoster-variants';

export type SandboxSite = 'aniworld' | 'sto';

export interface CatalogLink {
  /** aniworld `/redirect/<id>` and s.to `data-link-id`. */
  id: number;
  hoster: HosterName;
  language: LanguageCode;
  hosterId: string;
  /** Embed path below the sandbox origin, e.g. `/voe/e/voearray01`. */
  embedPath: string;
  expect: HosterExpectation;
  /** Sites that list this link (s.to has no English-sub links). */
  sites: SandboxSite[];
}

export interface CatalogEpisode {
  /** 0 for films (aniworld `/filme/film-K`, K = number). */
  season: number;
  number: number;
  /** aniworld `data-episode-id`. */
  id: number;
  titleDe: string;
  titleEn: string;
  links: CatalogLink[];
  /** Set on episodes published at run time (epoch ms): `/neue-episoden` dates them that day. */
  publishedAt?: number;
}

export interface CatalogSeason {
  number: number;
  episodes: CatalogEpisode[];
}

export interface CatalogSeries {
  slug: string;
  /** aniworld also resolves `/anime/stream/<numericId>`. */
  numericId: number;
  sites: SandboxSite[];
  /** Display title (raw text; the pages HTML-escape it). */
  title: string;
  altTitles: string[];
  description: string;
  genres: string[];
  startYear: number;
  endYear: number | null;
  fsk: number;
  imdbId: string;
  tmdbId: number;
  /** Sorted by number; season 0 (films) only exists on aniworld. */
  seasons: CatalogSeason[];
}

export interface SandboxCatalog {
  series: CatalogSeries[];
}
