import { Injectable } from '@nestjs/common';
import { QueueReadRepository } from './queue-read.repository';

/** Where an episode stands in the queue (open or failed for good). */
export type EpisodeQueueState = 'pending' | 'downloading' | 'failed';

/**
 * What other modules may ask the queue about episodes, so none of them reads
 * `download_queue_items`: the anime module marks queued episodes in a series' details, the
 * scheduler leaves open ones out when it queues missing episodes.
 */
@Injectable()
export class QueuedEpisodesService {
  constructor(private readonly reads: QueueReadRepository) {}

  /** Which of these episodes have a pending or downloading item. */
  async openAmong(episodeIds: readonly number[]): Promise<Set<number>> {
    return new Set((await this.reads.openOfEpisodes(episodeIds)).map((item) => item.episodeId));
  }

  /**
   * Where these episodes stand in the queue: an open item's status, else `failed` when an item of
   * the episode failed for good (the series page shows it only while the episode is missing).
   */
  async statesAmong(episodeIds: readonly number[]): Promise<Map<number, EpisodeQueueState>> {
    const states = new Map<number, EpisodeQueueState>();
    for (const row of await this.reads.statesOfEpisodes(episodeIds)) {
      const status = row.status as EpisodeQueueState;
      if (status !== 'failed' || !states.has(row.episodeId)) states.set(row.episodeId, status);
    }
    return states;
  }
}
