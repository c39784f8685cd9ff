import {
  languageCodeOf,
  type ProviderEpisode,
  type ProviderEpisodeDetails,
  type ProviderNewEpisode,
  type ProviderSearchResult,
  type ProviderSeries,
} from '@aniworld/contracts';
import type {
  EpisodeDetails,
  EpisodeSummary,
  NewEpisode,
  SearchResult,
  SeriesDetails,
} from '@aniworld/providers';

/** Library shapes (camelCase) → wire shapes (snake_case, see libs/contracts/README.md). */
export const toSearchResult = (r: SearchResult): ProviderSearchResult => ({
  site: r.site,
  key: r.key,
  name: r.title,
  url: r.url,
  description: r.description ?? null,
  cover_url: r.coverUrl ?? null,
  years: r.years ?? null,
});

export const toSeries = (s: SeriesDetails): ProviderSeries => ({
  site: s.site,
  key: s.key,
  url: s.url,
  name: s.title,
  alt_titles: s.altTitles,
  description: s.description,
  genres: s.genres,
  start_year: s.startYear,
  end_year: s.endYear,
  cover_url: s.coverUrl,
  imdb_id: s.imdbId,
  fsk: s.fsk,
  seasons: s.seasons.map((season) => ({ number: season.number, url: season.url })),
});

export const toEpisode = (e: EpisodeSummary): ProviderEpisode => ({
  season: e.season,
  episode: e.number,
  title_de: e.titleDe,
  title_en: e.titleEn,
  url: e.url,
  hosters: e.hosters,
  languages: e.languages ? [...new Set(e.languages.map(languageCodeOf))] : null,
});

export const toEpisodeDetails = (e: EpisodeDetails): ProviderEpisodeDetails => ({
  site: e.site,
  key: e.key,
  season: e.season,
  episode: e.number,
  title_de: e.titleDe,
  title_en: e.titleEn,
  url: e.url,
  links: e.links.map((link) => ({
    hoster: link.hoster,
    hoster_label: link.hosterLabel,
    language: link.language,
    language_code: languageCodeOf(link.language),
    redirect_url: link.redirectUrl,
  })),
});

export const toNewEpisode = (e: NewEpisode): ProviderNewEpisode => ({
  key: e.key,
  series_name: e.seriesTitle,
  season: e.season,
  episode: e.episode,
  url: e.url,
  language_code: e.language ? languageCodeOf(e.language) : null,
  date: e.date,
});
