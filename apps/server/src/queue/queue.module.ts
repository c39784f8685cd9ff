import { Module } from '@nestjs/common';
import { AnimeModule } from '../anime/anime.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { ProvidersModule } from '../providers/providers.module';
import { QueueHousekeeper } from './queue-housekeeper';
import { QueueLeaseRepository } from './queue-lease.repository';
import { QueueEntries } from './queue-entries.service';
import { QueueReadModule } from './queue-read.module';
import { QueueLanguageRules } from './queue-languages';
import { QueueStateService } from './queue-state.service';
import { QueueStatusService } from './queue-status.service';
import { QueueController } from './queue.controller';
import { QueueRepository } from './queue.repository';
import { QueueService } from './queue.service';
import { QueueTotalsRepository } from './queue-totals.repository';
import { DownloadTargetService } from './worker/download-target.service';
import { EpisodeDownloadService } from './worker/episode-download.service';
import { LiveProgressRegistry } from './worker/live-progress';
import { QueueRunner } from './worker/queue-runner.service';
import { RunOutcomeService } from './worker/run-outcome.service';

@Module({
  imports: [AnimeModule, QueueReadModule, ProvidersModule, NotificationsModule],
  controllers: [QueueController],
  providers: [
    QueueRepository,
    QueueLeaseRepository,
    QueueTotalsRepository,
    QueueEntries,
    QueueStateService,
    QueueStatusService,
    QueueService,
    QueueLanguageRules,
    LiveProgressRegistry,
    DownloadTargetService,
    EpisodeDownloadService,
    RunOutcomeService,
    QueueRunner,
    QueueHousekeeper,
  ],
  exports: [QueueService, QueueRepository, QueueReadModule, DownloadTargetService],
})
export class QueueModule {}
