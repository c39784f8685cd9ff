import { Inject, Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { type EpisodeRef, type EpisodesQueuedEvent, upgradeLanguage } from '@aniworld/contracts';
import { EpisodeRepository } from '../anime/episode.repository';
import { effectiveLanguages, isMissing } from '../anime/missing-episodes';
import { SeriesRepository } from '../anime/series.repository';
import { CLOCK, type Clock } from '../common/clock';
import { DomainEvents } from '../common/events';
import { ConfigService } from '../config/config.service';
import { SystemSettingsRepository } from '../database/system-settings.repository';
import { QueuedEpisodesService } from '../queue/queued-episodes.service';
import { QueueService } from '../queue/queue.service';
import { applyCooldown } from './schedule-rules';

/** What was queued automatically and when: the cooldown's memory, shared by every instance. */
const RECENT_KEY = 'scheduler.auto_queue_recent';
export const AUTO_QUEUE_COOLDOWN_MS = 5 * 60 * 1000;

/**
 * Monitoring: queues the missing episodes of monitored series — missing by the same rule as the
 * library list (in the series' languages, else the global preference) — and the upgrades of files
 * in a less preferred language once the site offers a better one (docs/languages.md), through the
 * queue's own `add`, so its dedup applies. At most `scheduler.max_auto_queue` per run (series by name, then
 * season and episode order); what was queued automatically in the last five minutes is not
 * queued again (a re-triggered scan must not re-queue an item the user just removed).
 */
@Injectable()
export class AutoQueueService {
  private readonly logger = new Logger(AutoQueueService.name);

  constructor(
    private readonly series: SeriesRepository,
    private readonly episodes: EpisodeRepository,
    private readonly queue: QueueService,
    private readonly queued: QueuedEpisodesService,
    private readonly settings: SystemSettingsRepository,
    private readonly config: ConfigService,
    private readonly events: DomainEvents,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** After every completed library scan, wherever it was started. */
  @OnEvent('scan.complete')
  async onScanComplete(): Promise<void> {
    try {
      await this.queueMissing('scan');
    } catch (error) {
      this.logger.error({ msg: 'auto-queue after scan failed', error: String(error) });
    }
  }

  /** Returns how many episodes were queued. */
  async queueMissing(reason: string): Promise<number> {
    const max = this.config.config.scheduler.max_auto_queue;
    if (max === 0) return 0;
    const monitored = await this.series.findMonitored();
    if (!monitored.length) return 0;
    const byId = await this.episodes.forSeriesIds(monitored.map((s) => s.id));
    const global = this.config.config.downloads.language_preference;
    const candidates: { id: string; key: string; ref: EpisodeRef; upgrade: boolean }[] = [];
    for (const series of monitored) {
      const episodes = byId.get(series.id) ?? [];
      const open = await this.queued.openAmong(episodes.map((e) => e.id));
      const languages = effectiveLanguages(series, global);
      for (const e of episodes) {
        if (open.has(e.id)) continue;
        // A file in a less preferred language is upgraded once a better one appears.
        const upgrade =
          e.isDownloaded && upgradeLanguage(e.downloadedLanguage, e.languages, languages) !== null;
        if (!upgrade && !isMissing(e, languages)) continue;
        candidates.push({
          id: `${upgrade ? 'upgrade:' : ''}${series.key}:${e.season}:${e.episodeNumber}`,
          key: series.key,
          ref: { season: e.season, episode: e.episodeNumber },
          upgrade,
        });
      }
    }
    if (!candidates.length) return 0;

    // Decided and recorded as one unit, so two instances finishing a scan at once split the work.
    let picked: typeof candidates = [];
    await this.settings.update<Record<string, number>>(RECENT_KEY, (stored) => {
      const now = this.clock.now();
      const { allowed, recent } = applyCooldown(
        candidates.map((c) => c.id),
        stored ?? {},
        now,
        AUTO_QUEUE_COOLDOWN_MS,
      );
      const allowedIds = new Set(allowed.slice(0, max));
      picked = candidates.filter((c) => allowedIds.has(c.id));
      for (const c of picked) recent[c.id] = now;
      return recent;
    });

    const event: EpisodesQueuedEvent = { reason, total: 0, series: [] };
    for (const series of monitored) {
      const added = [];
      for (const upgrade of [false, true]) {
        const refs = picked
          .filter((c) => c.key === series.key && c.upgrade === upgrade)
          .map((c) => c.ref);
        if (refs.length)
          added.push(
            ...(await this.queue.add({ serie_id: series.key, episodes: refs, upgrade })).added,
          );
      }
      if (!added.length) continue;
      event.total += added.length;
      event.series.push({
        key: series.key,
        name: series.name,
        episodes: added.map((a) => ({ season: a.season, episode: a.episode })),
      });
    }
    if (event.total) {
      this.logger.log({ msg: 'missing episodes queued automatically', reason, total: event.total });
      this.events.emit('episodes.queued', event);
    }
    return event.total;
  }
}
