import {
  type AnimeDetail,
  type AnimeEpisode,
  type AnimeSummary,
  fallbackFrom,
  type LanguageCode,
  type SiteId,
  upgradeLanguage,
} from '@aniworld/contracts';
import type { ArtworkKind } from '../common/artwork-urls';
import type { AnimeSeriesEntity } from './entities/anime-series.entity';
import type { EpisodeEntity } from './entities/episode.entity';
import type { EpisodeQueueState } from '../queue/queued-episodes.service';
import { effectiveLanguages, isMissing } from './missing-episodes';

/** What a summary shows besides the series row: its counts and the missing episodes. */
export interface SeriesCounts {
  total: number;
  downloaded: number;
  missing: number;
  missingSlots: readonly { season: number; episode: number }[];
}

/** Signs the URL of a stored image (`ArtworkUrls.url`); null while there is none. */
export type ArtworkUrlOf = (
  key: string,
  kind: ArtworkKind,
  version: string | null,
) => string | null;

export function toSummary(
  series: AnimeSeriesEntity,
  counts: SeriesCounts,
  artwork: ArtworkUrlOf,
): AnimeSummary {
  const missing: Record<string, number[]> = {};
  for (const slot of counts.missingSlots) (missing[String(slot.season)] ??= []).push(slot.episode);
  return {
    key: series.key,
    name: series.name,
    site: series.site as SiteId,
    folder: series.folder,
    year: series.year,
    cover_url: series.coverUrl,
    poster_url: artwork(series.key, 'poster', series.posterVersion),
    poster_small_url: artwork(series.key, 'poster-small', series.posterVersion),
    description: series.description,
    total_episodes: counts.total,
    downloaded_episodes: counts.downloaded,
    missing_episodes: counts.missing,
    missing,
    monitored: series.monitored,
    updated_at: series.updatedAt.toISOString(),
  };
}

/** The counts of a series from its episodes, by `isMissing` (the rule the stored counts follow). */
export function countEpisodes(
  series: AnimeSeriesEntity,
  episodes: readonly EpisodeEntity[],
  preference: readonly LanguageCode[],
): SeriesCounts {
  const languages = effectiveLanguages(series, preference);
  const missingSlots = episodes
    .filter((e) => isMissing(e, languages))
    .map((e) => ({ season: e.season, episode: e.episodeNumber }));
  return {
    total: episodes.length,
    downloaded: episodes.filter((e) => e.isDownloaded).length,
    missing: missingSlots.length,
    missingSlots,
  };
}

export function toDetail(
  series: AnimeSeriesEntity,
  episodes: EpisodeEntity[],
  preference: readonly LanguageCode[],
  queue: ReadonlyMap<number, EpisodeQueueState>,
  artwork: ArtworkUrlOf,
): AnimeDetail {
  const seasons = new Map<number, AnimeEpisode[]>();
  const wanted = effectiveLanguages(series, preference);
  for (const e of episodes) {
    const list = seasons.get(e.season) ?? [];
    const state = queue.get(e.id) ?? null;
    const language = e.isDownloaded ? (e.downloadedLanguage ?? null) : null;
    list.push({
      season: e.season,
      episode: e.episodeNumber,
      title_de: e.titleDe,
      title_en: e.titleEn,
      languages: e.languages,
      is_downloaded: e.isDownloaded,
      file_path: e.filePath,
      strm_path: e.strmPath,
      queued: state === 'pending' || state === 'downloading',
      queue_status: state === 'failed' && e.isDownloaded ? null : state,
      downloaded_language: language,
      fallback: fallbackFrom(language, wanted) !== null,
      upgrade_language: upgradeLanguage(language, e.languages, wanted),
      air_date: e.airDate,
    });
    seasons.set(e.season, list);
  }
  return {
    ...toSummary(series, countEpisodes(series, episodes, preference), artwork),
    alt_titles: series.altTitles,
    fanart_url: artwork(series.key, 'fanart', series.fanartVersion),
    genres: series.genres,
    tmdb_id: series.tmdbId,
    tvdb_id: series.tvdbId,
    imdb_id: series.imdbId,
    language_preference: series.languagePreference,
    seasons: [...seasons.entries()]
      .sort(([a], [b]) => a - b)
      .map(([season, list]) => ({ season, episodes: list })),
  };
}
