import type {
  AnimeDetail,
  AnimeEpisode,
  AnimeSummary,
  LanguageCode,
  SiteId,
} from '@aniworld/contracts';
import type { AnimeSeriesEntity } from './entities/anime-series.entity';
import type { EpisodeEntity } from './entities/episode.entity';
import { effectiveLanguages, isMissing } from './missing-episodes';

export function toSummary(
  series: AnimeSeriesEntity,
  episodes: EpisodeEntity[],
  preference: readonly LanguageCode[],
): AnimeSummary {
  const languages = effectiveLanguages(series, preference);
  const missing: Record<string, number[]> = {};
  let missingCount = 0;
  for (const e of episodes) {
    if (!isMissing(e, languages)) continue;
    (missing[String(e.season)] ??= []).push(e.episodeNumber);
    missingCount++;
  }
  return {
    key: series.key,
    name: series.name,
    site: series.site as SiteId,
    folder: series.folder,
    year: series.year,
    cover_url: series.coverUrl,
    description: series.description,
    total_episodes: episodes.length,
    downloaded_episodes: episodes.filter((e) => e.isDownloaded).length,
    missing_episodes: missingCount,
    missing,
    monitored: series.monitored,
    updated_at: series.updatedAt.toISOString(),
  };
}

export function toDetail(
  series: AnimeSeriesEntity,
  episodes: EpisodeEntity[],
  preference: readonly LanguageCode[],
  queued: ReadonlySet<number>,
): AnimeDetail {
  const seasons = new Map<number, AnimeEpisode[]>();
  for (const e of episodes) {
    const list = seasons.get(e.season) ?? [];
    list.push({
      season: e.season,
      episode: e.episodeNumber,
      title_de: e.titleDe,
      title_en: e.titleEn,
      languages: e.languages,
      is_downloaded: e.isDownloaded,
      file_path: e.filePath,
      queued: queued.has(e.id),
    });
    seasons.set(e.season, list);
  }
  return {
    ...toSummary(series, episodes, preference),
    alt_titles: series.altTitles,
    language_preference: series.languagePreference,
    seasons: [...seasons.entries()]
      .sort(([a], [b]) => a - b)
      .map(([season, list]) => ({ season, episodes: list })),
  };
}
