import { Inject, Injectable, Logger } from '@nestjs/common';
import { SeriesRepository } from '../../anime/series.repository';
import { CLOCK, type Clock } from '../../common/clock';
import { CatalogueService } from '../catalogue/catalogue.service';
import { AvailabilityService } from './availability.service';
import { Budget } from './budget';
import { messageOf } from '../../common/errors';

/** Library series are warmed this often (the scheduler job `arr_library_warm`, arr-jobs.ts). */
export const LIBRARY_WARM_INTERVAL_MS = 6 * 60 * 60 * 1000;
/** One series may take this long in the background (a polite 2 requests per second). */
const SERIES_BUDGET_MS = 10 * 60 * 1000;

/**
 * Keeps the availability cache warm for the series in the library, the ones Sonarr is most
 * likely to search for (docs/arr-torznab.md, "Availability cache"): their episode lists and which
 * episodes exist in which language, so those searches answer from the cache. The scheduler runs
 * `warmLibrary()` as the job `arr_library_warm`.
 */
@Injectable()
export class LibraryWarmerService {
  private readonly logger = new Logger(LibraryWarmerService.name);
  private running: Promise<{ series: number; episodes: number }> | null = null;

  constructor(
    private readonly series: SeriesRepository,
    private readonly catalogue: CatalogueService,
    private readonly availability: AvailabilityService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** One pass over the library; a pass already running is joined, not doubled. */
  warmLibrary(): Promise<{ series: number; episodes: number }> {
    this.running ??= this.pass().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async pass(): Promise<{ series: number; episodes: number }> {
    let episodes = 0;
    const library = await this.series.findAll();
    for (const s of library) {
      const ref = { site: s.site, key: s.key };
      try {
        await this.catalogue.ensureEntry(ref, s.name);
        const budget = new Budget(this.clock.now() + SERIES_BUDGET_MS, () => this.clock.now());
        const seasons = await this.availability.seasonsOf(ref, budget);
        const list = seasons.flatMap((x) =>
          x.episodes.map((episode) => ({ season: x.season, episode })),
        );
        await this.availability.availability(ref, list, budget);
        episodes += list.length;
      } catch (error) {
        this.logger.warn({
          msg: 'library series not warmed',
          site: ref.site,
          key: ref.key,
          error: messageOf(error),
        });
      }
    }
    this.logger.log({ msg: 'library warmed', series: library.length, episodes });
    return { series: library.length, episodes };
  }
}
