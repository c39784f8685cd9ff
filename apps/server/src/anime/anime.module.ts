import { Module } from '@nestjs/common';
import { CoversModule } from '../covers/covers.module';
import { ProvidersModule } from '../providers/providers.module';
import { QueueReadModule } from '../queue/queue-read.module';
import { AnimeLibraryService } from './anime-library.service';
import { AnimeListCache } from './anime-list-cache';
import { AnimeQueryService } from './anime-query.service';
import { AnimeController } from './anime.controller';
import { EpisodeLanguagesService } from './episode-languages.service';
import { EpisodeRepository } from './episode.repository';
import { EpisodesService } from './episodes.service';
import { FolderMatcherService } from './library/folder-matcher.service';
import { LibraryVersionRepository } from './library-version.repository';
import { IgnoredFolders } from './library/ignored-folders';
import { LibraryFolderRepository } from './library/library-folder.repository';
import { LibraryScanService } from './library/library-scan.service';
import { SeriesAdoptionService } from './series-adoption.service';
import { UnmatchedFoldersService } from './library/unmatched-folders.service';
import { SeriesCountsRepository } from './series-counts.repository';
import { SeriesRepository } from './series.repository';
import { SeriesSyncService } from './series-sync.service';

@Module({
  imports: [ProvidersModule, QueueReadModule, CoversModule],
  controllers: [AnimeController],
  providers: [
    SeriesCountsRepository,
    SeriesRepository,
    EpisodeRepository,
    LibraryFolderRepository,
    SeriesSyncService,
    EpisodeLanguagesService,
    EpisodesService,
    SeriesAdoptionService,
    FolderMatcherService,
    LibraryScanService,
    IgnoredFolders,
    UnmatchedFoldersService,
    AnimeQueryService,
    AnimeLibraryService,
    LibraryVersionRepository,
    AnimeListCache,
  ],
  exports: [
    SeriesRepository,
    EpisodeRepository,
    EpisodesService,
    SeriesSyncService,
    SeriesAdoptionService,
    EpisodeLanguagesService,
    LibraryScanService,
  ],
})
export class AnimeModule {}
