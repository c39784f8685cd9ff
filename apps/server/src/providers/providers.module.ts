import { Module } from '@nestjs/common';
import { ProviderBrowseService } from './provider-browse.service';
import { ProvidersController } from './providers.controller';
import { ProvidersService } from './providers.service';
import { StreamResolverService } from './stream-resolver.service';

@Module({
  controllers: [ProvidersController],
  providers: [ProvidersService, StreamResolverService, ProviderBrowseService],
  exports: [ProvidersService, StreamResolverService],
})
export class ProvidersModule {}
