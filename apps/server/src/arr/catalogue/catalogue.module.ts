import { Module } from '@nestjs/common';
import { ProvidersModule } from '../../providers/providers.module';
import { CatalogueRepository } from './catalogue.repository';
import { CatalogueService } from './catalogue.service';

/** The catalogue index of both sites (docs/arr-torznab.md, "Title resolution"). */
@Module({
  imports: [ProvidersModule],
  providers: [CatalogueRepository, CatalogueService],
  exports: [CatalogueService],
})
export class CatalogueModule {}
