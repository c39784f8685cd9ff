import { Inject, Injectable, Logger } from '@nestjs/common';
import { languageCodeOf } from '@aniworld/contracts';
import { CLOCK, type Clock } from '../../common/clock';
import { ProvidersService } from '../../providers/providers.service';
import type { Budget } from './budget';
import { RecentReleaseEntity } from './entities/recent-release.entity';
import { TorznabRepository } from './torznab.repository';
import { messageOf } from '../../common/errors';

/** Sonarr's RSS sync runs every 15 minutes by default; reading the page more often gains nothing. */
export const RECENT_REFRESH_MS = 15 * 60 * 1000;

/**
 * The RSS feed's source: aniworld's new-episodes page (one row per episode and language, with
 * the day it appeared), stored in arr_recent so the feed keeps its history and its dates while
 * the page moves on. s.to has no such page (docs/arr-torznab.md, "RSS").
 */
@Injectable()
export class RecentReleasesService {
  private readonly logger = new Logger(RecentReleasesService.name);
  private refreshedAt = 0;
  private refreshing: Promise<void> | null = null;

  constructor(
    private readonly repo: TorznabRepository,
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
    const now = this.clock.now();
    const rows = list.flatMap((e) =>
      e.language === null
        ? []
        : Object.assign(new RecentReleaseEntity(), {
            site: 'aniworld' as const,
            key: e.key,
            season: e.season,
            episode: e.episode,
            language: languageCodeOf(e.language),
            seriesTitle: e.seriesTitle,
            releasedAt: releaseTime(e.date, now),
          }),
    );
    await this.repo.addRecent(rows);
    this.refreshedAt = now;
    this.logger.debug({ msg: 'new episodes read', rows: rows.length });
  }

  /** Newest first; the page is read again (within the budget) when it is older than 15 minutes. */
  async page(
    offset: number,
    limit: number,
    budget: Budget,
  ): Promise<[RecentReleaseEntity[], number]> {
    if (this.clock.now() - this.refreshedAt > RECENT_REFRESH_MS) {
      await budget.within(this.refreshRecent(), (error) =>
        this.logger.warn({ msg: 'new episodes page failed', error: messageOf(error) }),
      );
    }
    return this.repo.recentPage(offset, limit);
  }
}

/**
 * The page prints a day (`30.09.2026`). A row that appears on its own day gets the moment we
 * first saw it (close to the real release, and ordered among that day's rows); an older day
 * gets its midnight (UTC). No date at all: first seen.
 */
export function releaseTime(printed: string | null, now: number): Date {
  const m = printed ? /(\d{1,2})\.(\d{1,2})\.(\d{4})/.exec(printed) : null;
  if (!m) return new Date(now);
  const day = Date.UTC(Number(m[3]), Number(m[2]) - 1, Number(m[1]));
  if (Number.isNaN(day)) return new Date(now);
  return now - day < 24 * 60 * 60 * 1000 && now >= day ? new Date(now) : new Date(day);
}
