import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { SiteId } from '@aniworld/contracts';
import type { NewEpisode, UpcomingEpisode } from '@aniworld/providers';
import { SeriesRepository } from '../../anime/series.repository';
import { CalendarService } from '../../calendar/calendar.service';
import { SeriesSyncService } from '../../anime/series-sync.service';
import { CLOCK, type Clock } from '../../common/clock';
import { ConfigService } from '../../config/config.service';
import { SystemSettingsRepository } from '../../database/system-settings.repository';
import { ProvidersService } from '../../providers/providers.service';
import { AutoQueueService } from '../auto-queue.service';
import { type JobContext, JobRegistry, type JobResult } from '../job-registry';

const STATE_KEY = 'scheduler.new_episodes';
const DAY_MS = 24 * 60 * 60 * 1000;

/** What the last check saw, kept in system_settings so every instance and restart share it. */
interface NewEpisodesState {
  /** `key:season:episode:language` rows of the last new-episodes page. */
  seen: string[];
  /** Series key → when its series page was last read by this job. */
  refreshed: Record<string, number>;
}

/**
 * The new-episodes check (every `scheduler.new_episodes_interval_minutes`): the site's
 * new-episodes page and its calendar of coming episodes (two requests; only aniworld has them),
 * recorded for the calendar whether or not a series is monitored; then a monitored series'
 * own pages are read only when that page shows a row for it that was not there last time, or
 * when they were not read for a day (s.to series, and releases the page no longer lists). Then
 * the missing episodes of monitored series are queued.
 */
@Injectable()
export class NewEpisodesJob implements OnModuleInit {
  private readonly logger = new Logger(NewEpisodesJob.name);

  constructor(
    private readonly registry: JobRegistry,
    private readonly providers: ProvidersService,
    private readonly series: SeriesRepository,
    private readonly sync: SeriesSyncService,
    private readonly autoQueue: AutoQueueService,
    private readonly calendar: CalendarService,
    private readonly settings: SystemSettingsRepository,
    private readonly config: ConfigService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.registry.register({
      name: 'new_episodes',
      description:
        "Read the sites' new and announced episodes (the calendar) and queue what monitored series miss",
      schedule: () => ({
        kind: 'every',
        ms: this.config.config.scheduler.new_episodes_interval_minutes * 60_000,
      }),
      run: (context) => this.run(context),
    });
  }

  async run({ signal }: JobContext): Promise<JobResult> {
    const rows = await this.providers.onSite('aniworld', (a) =>
      a.newEpisodes ? a.newEpisodes(signal) : Promise.resolve([]),
    );
    const calendar = await this.recordCalendar(rows, signal);
    const monitored = await this.series.findMonitored();
    if (!monitored.length)
      return { outcome: 'skipped', message: `${calendar}; no monitored series` };
    const state = (await this.settings.get<NewEpisodesState>(STATE_KEY)) ?? {
      seen: [],
      refreshed: {},
    };
    const seen = rows.map(
      (r) =>
        `${r.key}:${r.season}:${r.episode}:${r.language?.audio ?? ''}-${r.language?.subtitles ?? ''}`,
    );
    const before = new Set(state.seen);
    const changed = new Set(rows.filter((_, i) => !before.has(seen[i])).map((r) => r.key));

    const now = this.clock.now();
    let refreshed = 0;
    const failures: string[] = [];
    for (const series of monitored) {
      if (signal.aborted) break;
      const onPage = (series.site as SiteId) === 'aniworld' && changed.has(series.key);
      const stale = now - (state.refreshed[series.key] ?? 0) >= DAY_MS;
      if (!onPage && !stale) continue;
      try {
        await this.sync.refreshEpisodes(series, signal);
        state.refreshed[series.key] = now;
        refreshed++;
      } catch (error) {
        failures.push(series.key);
        this.logger.warn({ msg: 'series refresh failed', key: series.key, error: String(error) });
      }
    }
    const keys = new Set(monitored.map((s) => s.key));
    for (const key of Object.keys(state.refreshed)) if (!keys.has(key)) delete state.refreshed[key];
    await this.settings.set(STATE_KEY, { seen, refreshed: state.refreshed });

    const queued = await this.autoQueue.queueMissing('new_episodes');
    const message = `${calendar}, ${refreshed} series refreshed, ${queued} episodes queued`;
    if (failures.length) throw new Error(`${message}; refresh failed for ${failures.join(', ')}`);
    return { message };
  }

  /**
   * Both pages for the calendar: the new-episodes rows just read, and the site's calendar of
   * coming episodes. Without the calendar page the released rows are still recorded.
   */
  private async recordCalendar(released: NewEpisode[], signal: AbortSignal): Promise<string> {
    let announced: UpcomingEpisode[] = [];
    let note = '';
    try {
      announced = await this.providers.onSite('aniworld', (a) =>
        a.upcomingEpisodes ? a.upcomingEpisodes(signal) : Promise.resolve([]),
      );
    } catch (error) {
      note = ' (calendar page unreadable)';
      this.logger.warn({ msg: 'calendar page failed', error: String(error) });
    }
    await this.calendar.record('aniworld', released, announced);
    return `${released.length} new-episode rows, ${announced.length} announced${note}`;
  }
}
