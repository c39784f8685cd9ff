import { Injectable } from '@nestjs/common';
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

  /** The episode's file is in the library now (the series' counts follow). */
  markDownloaded(id: number, filePath: string): Promise<void> {
    return this.episodes.markDownloaded(id, filePath);
  }
}
