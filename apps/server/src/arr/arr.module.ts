import { Module } from '@nestjs/common';
import { ArrCredentialsService } from './arr-credentials.service';
import { ArrController } from './arr.controller';

/**
 * Sonarr, Radarr and Prowlarr integration: credentials, and (see README.md) the
 * qBittorrent-compatible download client and the Torznab indexer.
 */
@Module({
  controllers: [ArrController],
  providers: [ArrCredentialsService],
  exports: [ArrCredentialsService],
})
export class ArrModule {}
