import type { LanguageCode } from '@aniworld/contracts';
import type { AnimeSeriesEntity } from './entities/anime-series.entity';
import type { EpisodeEntity } from './entities/episode.entity';

/**
 * The languages wanted for a series: its own override, or the global preference when it has none.
 * An empty override counts as none, as for the download worker, which falls back to the global
 * preference then — an episode it would fetch must count as missing.
 */
export function effectiveLanguages(
  series: Pick<AnimeSeriesEntity, 'languagePreference'>,
  global: readonly LanguageCode[],
): readonly LanguageCode[] {
  return series.languagePreference?.length ? series.languagePreference : global;
}

/**
 * An episode is missing when it is not on disk, has no `.strm` file in the library (it streams:
 * docs/strm.md, "In the library"), and the site offers it in a wanted language (or the languages
 * are unknown, as on aniworld's season pages, where only the episode page says).
 *
 * `SeriesRepository` filters and sorts the library list by the same rule in SQL
 * (`missingEpisodeSql`); a change here must be made there too (series.repository.medium.spec.ts
 * compares the two).
 */
export function isMissing(
  episode: Pick<EpisodeEntity, 'isDownloaded' | 'languages' | 'strmPath'>,
  languages: readonly LanguageCode[],
): boolean {
  if (episode.isDownloaded || episode.strmPath) return false;
  return episode.languages.length === 0 || episode.languages.some((l) => languages.includes(l));
}
