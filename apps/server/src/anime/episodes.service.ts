import { Injectable } from '@nestjs/common';
import type { LanguageCode } from '@aniworld/contracts';
import { EpisodeRepository, type EpisodeWithSeries } from './episode.repository';

/**
 * What other modules read and record about the library's episodes, so that `episodes` and
 * `anime_series` stay this module's tables: the queue names its items by their episodes and
 * records a finished download here.
 */
@Injectable()
export class EpisodesService {
  constructor(private readonly episodes: EpisodeRepository) {}

  /** These episodes (by id) with their series; ids of deleted episodes are missing. */
  withSeries(ids: readonly number[]): Promise<Map<number, EpisodeWithSeries>> {
    return this.episodes.withSeries(ids);
  }

  idsOfSeries(seriesId: number): Promise<number[]> {
    return this.episodes.idsOfSeries(seriesId);
  }

  /** The episode's file is in the library now, in this language (the series' counts follow). */
  markDownloaded(
    id: number,
    filePath: string,
    language: LanguageCode | null = null,
  ): Promise<void> {
    return this.episodes.markDownloaded(id, filePath, language);
  }

  /** The languages the episode's page offers now (read during a download). */
  setLanguages(id: number, languages: LanguageCode[]): Promise<void> {
    return this.episodes.setLanguages(id, languages);
  }
}
