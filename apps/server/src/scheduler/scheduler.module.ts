import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { AnimeModule } from '../anime/anime.module';
import { CalendarModule } from '../calendar/calendar.module';
import { ProvidersModule } from '../providers/providers.module';
import { QueueModule } from '../queue/queue.module';
import { AutoQueueService } from './auto-queue.service';
import { HousekeepingJob } from './jobs/housekeeping.job';
import { LibraryRescanJob } from './jobs/library-rescan.job';
import { NewEpisodesJob } from './jobs/new-episodes.job';
import { SchedulerJobRepository } from './scheduler-job.repository';
import { SchedulerSettingsService } from './scheduler-settings.service';
import { SchedulerController } from './scheduler.controller';
import { SchedulerService } from './scheduler.service';

@Module({
  imports: [ScheduleModule.forRoot(), AnimeModule, CalendarModule, ProvidersModule, QueueModule],
  controllers: [SchedulerController],
  providers: [
    SchedulerJobRepository,
    SchedulerService,
    SchedulerSettingsService,
    AutoQueueService,
    LibraryRescanJob,
    NewEpisodesJob,
    HousekeepingJob,
  ],
  exports: [SchedulerService],
})
export class SchedulerModule {}
