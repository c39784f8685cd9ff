import { Module } from '@nestjs/common';
import { AnimeModule } from '../anime/anime.module';
import { QueueModule } from '../queue/queue.module';
import { CalendarController } from './calendar.controller';
import { CalendarService } from './calendar.service';
import { EpisodeReleaseRepository } from './episode-release.repository';

/** The release calendar (README.md): fed by the scheduler's new-episodes check. */
@Module({
  imports: [AnimeModule, QueueModule],
  controllers: [CalendarController],
  providers: [EpisodeReleaseRepository, CalendarService],
  exports: [CalendarService],
})
export class CalendarModule {}
