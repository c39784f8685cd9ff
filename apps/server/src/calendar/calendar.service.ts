import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import {
  CALENDAR_MAX_ENTRIES,
  type CalendarQuery,
  type CalendarResponse,
  type LanguageCode,
  type SiteId,
} from '@aniworld/contracts';
import type { NewEpisode, UpcomingEpisode } from '@aniworld/providers';
import { EpisodeRepository } from '../anime/episode.repository';
import { SeriesRepository } from '../anime/series.repository';
import { CLOCK, type Clock } from '../common/clock';
import { QueuedEpisodesService } from '../queue/queued-episodes.service';
import { JobRegistry } from '../scheduler/job-registry';
import {
  addDays,
  calendarEntries,
  dayOf,
  type LibraryView,
  releaseRows,
  weekOf,
} from './calendar-rules';
import { EpisodeReleaseRepository } from './episode-release.repository';

/** One released episode in one language, as the feeds list it. */
export interface Release {
  site: SiteId;
  key: string;
  season: number;
  episode: number;
  language: LanguageCode;
  seriesTitle: string;
  releasedAt: Date;
}

/** Releases older than this are dropped by housekeeping. */
export const KEEP_RELEASE_DAYS = 90;

/**
 * The calendar: what the new-episodes check read on the sites (released and announced episodes),
 * for the series in the library, with where each episode stands here (on disk, queued, missing).
 */
@Injectable()
export class CalendarService implements OnModuleInit {
  constructor(
    private readonly releases: EpisodeReleaseRepository,
    private readonly series: SeriesRepository,
    private readonly episodes: EpisodeRepository,
    private readonly queued: QueuedEpisodesService,
    private readonly registry: JobRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.registry.addHousekeeper({
      name: 'episode_releases',
      sweep: (now) => this.releases.deleteBefore(addDays(dayOf(now), -KEEP_RELEASE_DAYS)),
    });
  }

  /** Stores what one check read on a site; returns how many rows were new or changed. */
  record(
    site: SiteId,
    released: readonly NewEpisode[],
    announced: readonly UpcomingEpisode[],
  ): Promise<number> {
    const now = this.clock.now();
    return this.releases.record(releaseRows(site, released, announced, dayOf(now)), now);
  }

  /**
   * Released episodes that name a language, newest first, with the series title the site printed
   * and when each came out: the Torznab RSS feed (arr/torznab).
   */
  async released(offset: number, limit: number): Promise<[Release[], number]> {
    const [rows, total] = await this.releases.releasedPage(offset, limit);
    return [
      rows.map((r) => ({
        site: r.site as SiteId,
        key: r.key,
        season: r.season,
        episode: r.episode,
        language: r.language as LanguageCode,
        seriesTitle: r.seriesTitle ?? r.key,
        releasedAt: new Date(r.releasedAt ?? r.firstSeenAt),
      })),
      total,
    ];
  }

  /** The entries between two days (inclusive; default this week, Monday to Sunday, UTC). */
  async between(query: CalendarQuery): Promise<CalendarResponse> {
    const week = weekOf(dayOf(this.clock.now()));
    const from = query.from ?? (query.to ? addDays(query.to, -6) : week.from);
    const to = query.to ?? (query.from ? addDays(query.from, 6) : week.to);
    const keys = await this.releases.keysBetween(from, to);
    const library = await this.series.findByKeys(keys);
    const rows = await this.releases.between(
      from,
      to,
      library.map((s) => s.key),
    );
    const byKey = new Map(library.map((s) => [s.key, s]));
    const episodes = await this.episodes.findNumbered(
      [...new Set(rows.flatMap((r) => byKey.get(r.key)?.id ?? []))],
      [...new Set(rows.map((r) => r.season))],
      [...new Set(rows.map((r) => r.episode))],
    );
    const queued = await this.queued.openAmong(episodes.map((e) => e.id));
    const slot = (seriesId: number, season: number, episode: number) =>
      `${seriesId}:${season}:${episode}`;
    const known = new Map(
      episodes.map((e) => [slot(e.seriesId, e.season, e.episodeNumber), e] as const),
    );
    const view: LibraryView = {
      series: (key) => {
        const s = byKey.get(key);
        return s && { id: s.id, name: s.name, site: s.site as SiteId };
      },
      episode: (seriesId, season, episode) => {
        const e = known.get(slot(seriesId, season, episode));
        if (!e) return undefined;
        return { title: e.titleDe ?? e.titleEn, onDisk: e.isDownloaded, queued: queued.has(e.id) };
      },
    };
    const entries = calendarEntries(rows, view);
    return {
      from,
      to,
      entries: entries.slice(0, CALENDAR_MAX_ENTRIES),
      truncated: entries.length > CALENDAR_MAX_ENTRIES,
    };
  }
}
