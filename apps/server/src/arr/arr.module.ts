import { Module } from '@nestjs/common';
import { AnimeModule } from '../anime/anime.module';
import { QueueModule } from '../queue/queue.module';
import { StrmModule } from '../strm/strm.module';
import { ArrCredentialsService } from './arr-credentials.service';
import { ArrController } from './arr.controller';
import { ArrTorrentRepository } from './qbittorrent/arr-torrent.repository';
import { QbitAddService } from './qbittorrent/qbit-add.service';
import { QbitApiService } from './qbittorrent/qbit-api.service';
import { QbitAuthGuard } from './qbittorrent/qbit-auth.guard';
import { QbitCategoriesService } from './qbittorrent/qbit-categories.service';
import { QbitSessionService } from './qbittorrent/qbit-session.service';
import { QbitTorrentsService } from './qbittorrent/qbit-torrents.service';
import { QbittorrentController } from './qbittorrent/qbittorrent.controller';
import { TorznabModule } from './torznab/torznab.module';

/**
 * Sonarr, Radarr and Prowlarr integration: credentials for the settings page, the
 * qBittorrent-compatible download client (`/api/v2`) and the Torznab indexer (`/torznab`);
 * see README.md.
 */
@Module({
  imports: [AnimeModule, QueueModule, StrmModule, TorznabModule],
  controllers: [ArrController, QbittorrentController],
  providers: [
    ArrCredentialsService,
    ArrTorrentRepository,
    QbitSessionService,
    QbitAuthGuard,
    QbitCategoriesService,
    QbitAddService,
    QbitTorrentsService,
    QbitApiService,
  ],
  exports: [ArrCredentialsService],
})
export class ArrModule {}
