import { Module } from '@nestjs/common';
import { AnimeModule } from '../anime/anime.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { ProvidersModule } from '../providers/providers.module';
import { QueueHousekeeper } from './queue-housekeeper';
import { QueueStateService } from './queue-state.service';
import { QueueStatusService } from './queue-status.service';
import { QueueController } from './queue.controller';
import { QueueRepository } from './queue.repository';
import { QueueService } from './queue.service';
import { DownloadTargetService } from './worker/download-target.service';
import { EpisodeDownloadService } from './worker/episode-download.service';
import { LiveProgressRegistry } from './worker/live-progress';
import { QueueRunner } from './worker/queue-runner.service';
import { RunOutcomeService } from './worker/run-outcome.service';

@Module({
  imports: [AnimeModule, ProvidersModule, NotificationsModule],
  controllers: [QueueController],
  providers: [
    QueueRepository,
    QueueStateService,
    QueueStatusService,
    QueueService,
    LiveProgressRegistry,
    DownloadTargetService,
    EpisodeDownloadService,
    RunOutcomeService,
    QueueRunner,
    QueueHousekeeper,
  ],
  exports: [QueueService, QueueRepository, DownloadTargetService],
})
export class QueueModule {}
