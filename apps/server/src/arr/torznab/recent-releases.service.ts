import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, type Clock } from '../../common/clock';
import { messageOf } from '../../common/errors';
import { CalendarService, type Release } from '../../calendar/calendar.service';
import { ProvidersService } from '../../providers/providers.service';
import type { Budget } from './budget';

/** Sonarr's RSS sync runs every 15 minutes by default; reading the page more often gains nothing. */
export const RECENT_REFRESH_MS = 15 * 60 * 1000;

/**
 * The RSS feed's source: aniworld's new-episodes page (one row per episode and language, with
 * the day it appeared). The rows are the calendar's releases (`episode_releases`, kept 90 days),
 * which the scheduler's new-episodes check also records, so the feed keeps its history and its
 * dates while the page moves on. s.to has no such page (docs/arr-torznab.md, "RSS").
 */
@Injectable()
export class RecentReleasesService {
  private readonly logger = new Logger(RecentReleasesService.name);
  private refreshedAt = 0;
  private refreshing: Promise<void> | null = null;

  constructor(
    private readonly calendar: CalendarService,
    private readonly providers: ProvidersService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  refreshRecent(): Promise<void> {
    this.refreshing ??= this.doRefresh().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async doRefresh(): Promise<void> {
    const list = await this.providers.onSite('aniworld', (a) =>
      a.newEpisodes ? a.newEpisodes() : Promise.resolve([]),
    );
    const changed = await this.calendar.record('aniworld', list, []);
    this.refreshedAt = this.clock.now();
    this.logger.debug({ msg: 'new episodes read', rows: list.length, changed });
  }

  /** Newest first; the page is read again (within the budget) when it is older than 15 minutes. */
  async page(offset: number, limit: number, budget: Budget): Promise<[Release[], number]> {
    if (this.clock.now() - this.refreshedAt > RECENT_REFRESH_MS) {
      await budget.within(this.refreshRecent(), (error) =>
        this.logger.warn({ msg: 'new episodes page failed', error: messageOf(error) }),
      );
    }
    return this.calendar.released(offset, limit);
  }
}
