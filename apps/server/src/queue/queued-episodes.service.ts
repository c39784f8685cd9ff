import { Injectable } from '@nestjs/common';
import { QueueReadRepository } from './queue-read.repository';

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
}
