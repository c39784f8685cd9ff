import { Module } from '@nestjs/common';
import { AnimeModule } from '../anime/anime.module';
import { ProvidersModule } from '../providers/providers.module';
import { ArtworkAccessService } from './artwork-access.service';
import { ArtworkController } from './artwork.controller';
import { ArtworkStoreService } from './artwork-store.service';
import { MetadataController } from './metadata.controller';
import { MetadataMatchService } from './metadata-match.service';
import { MetadataQueryService } from './metadata-query.service';
import { MetadataTriggersService } from './metadata-triggers.service';
import { MetadataWriterService } from './metadata-writer.service';
import { SeriesMetadataRepository } from './series-metadata.repository';
import { TmdbService } from './tmdb.service';

/** TMDB lookups, NFO files and artwork (README.md in this folder, docs/metadata.md). */
@Module({
  imports: [AnimeModule, ProvidersModule],
  controllers: [MetadataController, ArtworkController],
  providers: [
    TmdbService,
    SeriesMetadataRepository,
    ArtworkStoreService,
    ArtworkAccessService,
    MetadataMatchService,
    MetadataWriterService,
    MetadataTriggersService,
    MetadataQueryService,
  ],
  exports: [TmdbService, MetadataWriterService],
})
export class MetadataModule {}
