import { Injectable } from '@nestjs/common';
import type { QueueList } from '@aniworld/contracts';
import type { EpisodeWithSeries } from '../anime/episode.repository';
import { EpisodesService } from '../anime/episodes.service';
import type { DownloadQueueItemEntity } from './entities/download-queue-item.entity';
import { QueueReadRepository } from './queue-read.repository';

/** A queue item with its episode and that episode's series; none when the episode is gone. */
export type QueueEntry = DownloadQueueItemEntity & { episode?: EpisodeWithSeries };

/**
 * Queue items with what they download: the rows from the queue's table, their episodes and series
 * from the anime module (one lookup per list), so each module reads only its own tables.
 */
@Injectable()
export class QueueEntries {
  constructor(
    private readonly reads: QueueReadRepository,
    private readonly episodes: EpisodesService,
  ) {}

  async of(items: DownloadQueueItemEntity[]): Promise<QueueEntry[]> {
    if (!items.length) return [];
    const episodes = await this.episodes.withSeries(items.map((item) => item.episodeId));
    return items.map((item) => ({ ...item, episode: episodes.get(item.episodeId) }));
  }

  async byId(id: string): Promise<QueueEntry | null> {
    const item = await this.reads.findById(id);
    return item ? ((await this.of([item]))[0] ?? null) : null;
  }

  async byIds(ids: string[]): Promise<QueueEntry[]> {
    return this.of(await this.reads.findByIds(ids));
  }

  async downloading(): Promise<QueueEntry[]> {
    return this.of(await this.reads.listByStatus(['downloading']));
  }

  async page(list: QueueList, offset: number, limit: number): Promise<QueueEntry[]> {
    return this.of(await this.reads.page(list, offset, limit));
  }
}
