import { Inject, Injectable, Logger } from '@nestjs/common';
import { episodeCode } from '@aniworld/contracts';
import { EpisodesService } from '../../anime/episodes.service';
import { CLOCK, type Clock } from '../../common/clock';
import { DomainEvents } from '../../common/events';
import { ConfigService } from '../../config/config.service';
import { NotificationsService } from '../../notifications/notifications.service';
import { QueueStatusService } from '../queue-status.service';
import type { QueueEntry } from '../queue-entries.service';
import { QueueLeaseRepository } from '../queue-lease.repository';
import type { RunResult } from './episode-download.service';
import { decideRetry } from './retry-policy';

type Completed = Extract<RunResult, { outcome: 'completed' }>;
type Failed = Extract<RunResult, { outcome: 'failed' }>;

/** Records how a run ended: the item, the episode, the events and the notifications. */
@Injectable()
export class RunOutcomeService {
  private readonly logger = new Logger(RunOutcomeService.name);

  constructor(
    private readonly leases: QueueLeaseRepository,
    private readonly episodes: EpisodesService,
    private readonly notifications: NotificationsService,
    private readonly events: DomainEvents,
    private readonly status: QueueStatusService,
    private readonly config: ConfigService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * The item's end state is published last: whoever sees "completed" (a client polling the
   * queue) also finds the episode marked and the notification written; the event goes out right
   * after. The note is true even if the run is not recorded (cancelled at the last moment): the
   * file is there and the episode marked.
   */
  async completed(item: QueueEntry, owner: string, result: Completed): Promise<void> {
    const episode = item.episode;
    const series = episode?.series;
    if (!episode || !series) return;
    // A file outside the library (a download client item, imported by Sonarr) is not the episode's.
    if (!item.targetPath) await this.episodes.markDownloaded(episode.id, result.path);
    await this.notifications.create({
      kind: 'download_complete',
      level: 'success',
      title: `Downloaded ${series.name} ${episodeCode(episode.season, episode.episodeNumber)}`,
      message: `Saved to ${result.path} (from ${result.hoster})`,
      key: series.key,
      data: { item_id: item.id, season: episode.season, episode: episode.episodeNumber },
    });
    const recorded = await this.leases.endRun(item.id, owner, {
      status: 'completed',
      hoster: result.hoster,
      providersTried: result.attempts,
      bytesDone: result.bytes,
      bytesTotal: result.bytes,
      speed: null,
      error: null,
      nextAttemptAt: null,
      completedAt: new Date(this.clock.now()),
    });
    if (!recorded) return;
    this.events.emit('download.complete', {
      download_id: item.id,
      key: series.key,
      folder: series.folder,
      season: episode.season,
      episode: episode.episodeNumber,
      file_path: result.path,
      hoster: result.hoster,
      bytes: result.bytes,
    });
    this.status.changed();
    this.logger.log({
      msg: 'download complete',
      item_id: item.id,
      key: series.key,
      season: episode.season,
      episode: episode.episodeNumber,
      hoster: result.hoster,
      bytes: result.bytes,
    });
  }

  /** Returns whether the item will be retried. As above, the end state is published last. */
  async failed(item: QueueEntry, owner: string, result: Failed): Promise<boolean> {
    const episode = item.episode;
    const series = episode?.series;
    const decision = decideRetry(
      result.kind,
      item.attempts,
      this.config.config.downloads,
      this.clock.now(),
    );
    const willRetry = decision.status === 'pending';
    if (!willRetry && episode && series) {
      await this.notifications.create({
        kind: 'download_failed',
        level: 'error',
        title: `Download failed: ${series.name} ${episodeCode(episode.season, episode.episodeNumber)}`,
        message: result.error,
        key: series.key,
        data: {
          item_id: item.id,
          season: episode.season,
          episode: episode.episodeNumber,
          providers_tried: result.attempts,
        },
      });
    }
    const recorded = await this.leases.endRun(item.id, owner, {
      status: decision.status,
      attempts: decision.attempts,
      nextAttemptAt: decision.nextAttemptAt,
      error: result.error,
      providersTried: result.attempts,
      speed: null,
      completedAt: decision.status === 'failed' ? new Date(this.clock.now()) : null,
    });
    if (!recorded || !episode || !series) return false;
    this.events.emit('download.failed', {
      download_id: item.id,
      key: series.key,
      folder: series.folder,
      season: episode.season,
      episode: episode.episodeNumber,
      error: result.error,
      will_retry: willRetry,
      providers_tried: result.attempts,
    });
    this.status.changed();
    this.logger.warn({
      msg:
        result.kind === 'local'
          ? 'download stopped by a local problem, back to pending'
          : willRetry
            ? 'download failed, will retry'
            : 'download failed',
      item_id: item.id,
      key: series.key,
      season: episode.season,
      episode: episode.episodeNumber,
      kind: result.kind,
      attempts: decision.attempts,
      next_attempt_at: decision.nextAttemptAt?.toISOString() ?? null,
      error: result.error,
    });
    return willRetry;
  }

  async queuePaused(reason: string, hint = 'Fix it, then resume the queue.'): Promise<void> {
    this.events.emit('disk.problem', { reason });
    await this.notifications.create({
      kind: 'system',
      level: 'error',
      title: 'Download queue paused',
      message: `${reason.charAt(0).toUpperCase()}${reason.slice(1)}. ${hint}`,
    });
  }
}
