import { Module } from '@nestjs/common';
import { ArrCredentialsService } from './arr-credentials.service';
import { ArrController } from './arr.controller';
import { TorznabModule } from './torznab/torznab.module';

/**
 * Sonarr, Radarr and Prowlarr integration: credentials, and (see README.md) the
 * qBittorrent-compatible download client and the Torznab indexer.
 */
@Module({
  imports: [TorznabModule],
  controllers: [ArrController],
  providers: [ArrCredentialsService],
  exports: [ArrCredentialsService],
})
export class ArrModule {}
