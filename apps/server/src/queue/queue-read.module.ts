import { Module } from '@nestjs/common';
import { QueueReadRepository } from './queue-read.repository';
import { QueuedEpisodesService } from './queued-episodes.service';

/**
 * The queue's reads, apart from the rest of the queue so that the anime module can import them:
 * the queue module imports the anime module (it queues its episodes), so the reverse import would
 * be a cycle.
 */
@Module({
  providers: [QueueReadRepository, QueuedEpisodesService],
  exports: [QueueReadRepository, QueuedEpisodesService],
})
export class QueueReadModule {}
