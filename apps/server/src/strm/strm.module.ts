import { Module } from '@nestjs/common';
import { AnimeModule } from '../anime/anime.module';
import { ProvidersModule } from '../providers/providers.module';
import { QueueModule } from '../queue/queue.module';
import { EpisodeResolverService } from './episode-resolver.service';
import { ResolvedStreamsService } from './resolved-streams.service';
import { StrmFilesService } from './strm-files.service';
import { StrmLibraryService } from './strm-library.service';
import { StrmLinksService } from './strm-links.service';
import { StrmProxyController } from './strm-proxy.controller';
import { StrmProxyService } from './strm-proxy.service';
import { StrmStreamRepository } from './strm-stream.repository';
import { StrmController } from './strm.controller';

/**
 * `.strm` files for Jellyfin and Emby (and Kodi) and the signed proxy their URLs point at; see
 * README.md and docs/strm.md. The *arr bridge imports it to write the files of grabbed
 * ` [STRM]` releases.
 */
@Module({
  imports: [ProvidersModule, AnimeModule, QueueModule],
  controllers: [StrmController, StrmProxyController],
  providers: [
    StrmStreamRepository,
    EpisodeResolverService,
    ResolvedStreamsService,
    StrmLinksService,
    StrmProxyService,
    StrmFilesService,
    StrmLibraryService,
  ],
  exports: [StrmFilesService],
})
export class StrmModule {}
