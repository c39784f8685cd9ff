import { Module } from '@nestjs/common';
import { AnimeModule } from '../../anime/anime.module';
import { CalendarModule } from '../../calendar/calendar.module';
import { ProvidersModule } from '../../providers/providers.module';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { ArrJobs } from './arr-jobs';
import { AvailabilityService } from './availability.service';
import { LibraryWarmerService } from './library-warmer.service';
import { RecentReleasesService } from './recent-releases.service';
import { TorznabController } from './torznab.controller';
import { TorznabRepository } from './torznab.repository';
import { TorznabService } from './torznab.service';
import { TorznabSettings } from './torznab-settings';

/** The Torznab indexer (docs/arr-torznab.md). */
@Module({
  imports: [ProvidersModule, AnimeModule, CalendarModule, CatalogueModule],
  controllers: [TorznabController],
  providers: [
    TorznabSettings,
    TorznabRepository,
    AvailabilityService,
    RecentReleasesService,
    LibraryWarmerService,
    TorznabService,
    ArrJobs,
  ],
  exports: [AvailabilityService, RecentReleasesService, LibraryWarmerService],
})
export class TorznabModule {}
