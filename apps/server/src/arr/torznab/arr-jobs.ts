import { Injectable, type OnModuleInit } from '@nestjs/common';
import { JobRegistry } from '../../scheduler/job-registry';
import { CATALOGUE_REFRESH_MS, CatalogueService } from '../catalogue/catalogue.service';
import { LIBRARY_WARM_INTERVAL_MS, LibraryWarmerService } from './library-warmer.service';

/**
 * The *arr bridge's periodic work as scheduler jobs: once per cluster under the scheduler's
 * lease, with last/next run in `GET /api/scheduler` and "run now" by name. The catalogue is
 * still refreshed by the first search that finds it stale (a fresh install needs no wait).
 */
@Injectable()
export class ArrJobs implements OnModuleInit {
  constructor(
    private readonly registry: JobRegistry,
    private readonly catalogue: CatalogueService,
    private readonly warmer: LibraryWarmerService,
  ) {}

  onModuleInit(): void {
    this.registry.register({
      name: 'arr_catalogue_refresh',
      description: "Refresh the Torznab title catalogue from both sites' A–Z lists",
      schedule: () => ({ kind: 'every', ms: CATALOGUE_REFRESH_MS }),
      run: async () => {
        await this.catalogue.refreshCatalogue();
        return { message: 'catalogue refreshed' };
      },
    });
    this.registry.register({
      name: 'arr_library_warm',
      description: 'Warm the Torznab availability cache for the series of the library',
      schedule: () => ({ kind: 'every', ms: LIBRARY_WARM_INTERVAL_MS }),
      run: async () => {
        const { series, episodes } = await this.warmer.warmLibrary();
        return { message: `${series} series, ${episodes} episodes checked` };
      },
    });
  }
}
