import { Module } from '@nestjs/common';
import { ProvidersModule } from '../providers/providers.module';
import { EpisodeRepository } from './episode.repository';
import { SeriesSyncService } from './series-sync.service';
import { SeriesRepository } from './series.repository';

@Module({
  imports: [ProvidersModule],
  controllers: [],
  providers: [SeriesRepository, EpisodeRepository, SeriesSyncService],
  exports: [SeriesRepository, EpisodeRepository, SeriesSyncService],
})
export class AnimeModule {}
