import { Inject, Injectable, Logger } from '@nestjs/common';
import { promises as fs } from 'node:fs';
import { episodeCode, LANGUAGE_LABELS, type LanguageCode } from '@aniworld/contracts';
import type { AnimeSeriesEntity } from '../../anime/entities/anime-series.entity';
import type { EpisodeEntity } from '../../anime/entities/episode.entity';
import { EpisodesService } from '../../anime/episodes.service';
import { pathInside } from '../../common/path-safety';
import { CLOCK, type Clock } from '../../common/clock';
import { DomainEvents } from '../../common/events';
import { ConfigService } from '../../config/config.service';
import {
  type NewNotification,
  NotificationsService,
} from '../../notifications/notifications.service';
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
    await this.recordOffered(episode, result.offered);
    // A file outside the library (a download client item, imported by Sonarr) is not the episode's.
    if (!item.targetPath) {
      const previous = episode.filePath;
      await this.episodes.markDownloaded(episode.id, result.path, result.language);
      if (item.upgrade && previous && previous !== result.path) await this.removeOld(previous);
      // The file replaces the episode's `.strm` (docs/strm.md, "In the library"): one version of
      // the episode for the media server.
      if (episode.strmPath && episode.strmPath !== result.path)
        await this.removeStrm(episode.strmPath, result.path);
    }
    await this.notifications.create(completionNote(item.id, series, episode, result));
    const recorded = await this.leases.endRun(item.id, owner, {
      status: 'completed',
      hoster: result.hoster,
      downloadedLanguage: result.language,
      fallbackFrom: result.fallbackFrom,
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
      series_name: series.name,
      season: episode.season,
      episode: episode.episodeNumber,
      file_path: result.path,
      hoster: result.hoster,
      bytes: result.bytes,
      language: result.language,
      fallback_from: result.fallbackFrom,
    });
    this.status.changed();
    this.logger.log({
      msg: 'download complete',
      item_id: item.id,
      key: series.key,
      season: episode.season,
      episode: episode.episodeNumber,
      hoster: result.hoster,
      language: result.language,
      fallback_from: result.fallbackFrom,
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
    if (episode) await this.recordOffered(episode, result.offered);
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
      series_name: series.name,
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

  /** What the episode page said during the run is the freshest word on its languages. */
  private async recordOffered(episode: EpisodeEntity, offered?: LanguageCode[]): Promise<void> {
    if (!offered?.length) return;
    const same =
      offered.length === episode.languages.length &&
      offered.every((code) => episode.languages.includes(code));
    if (!same) await this.episodes.setLanguages(episode.id, offered).catch(() => undefined);
  }

  /**
   * The `.strm` a download replaced, and the NFO written beside it (`strm.written`) unless the
   * downloaded file's NFO has the same name.
   */
  private async removeStrm(strmPath: string, filePath: string): Promise<void> {
    await this.removeOld(strmPath, 'replaced .strm removed after a download');
    const nfo = strmPath.replace(/\.strm$/i, '.nfo');
    if (nfo !== strmPath && nfo !== filePath.replace(/\.[^./]+$/, '.nfo'))
      await this.removeOld(nfo, 'NFO of the replaced .strm removed');
  }

  /** An upgrade written under another name (the template has `{language}`): the old file goes. */
  private async removeOld(
    path: string,
    msg = 'replaced file removed after an upgrade',
  ): Promise<void> {
    const root = this.config.config.anime_directory;
    if (!root) return;
    try {
      await fs.rm(pathInside(root, path), { force: true });
      this.logger.log({ msg, path });
    } catch (error) {
      this.logger.warn({ msg: 'could not remove the replaced file', path, error: String(error) });
    }
  }
}

/** The notification of a finished download: its language, and a fallback said plainly. */
function completionNote(
  itemId: string,
  series: AnimeSeriesEntity,
  episode: EpisodeEntity,
  result: Completed,
): NewNotification {
  const what = `${series.name} ${episodeCode(episode.season, episode.episodeNumber)}`;
  const language = LANGUAGE_LABELS[result.language];
  const data = {
    item_id: itemId,
    season: episode.season,
    episode: episode.episodeNumber,
    language: result.language,
    fallback_from: result.fallbackFrom,
    hoster: result.hoster,
  };
  const saved = `Saved to ${result.path} (from ${result.hoster}).`;
  if (!result.fallbackFrom)
    return {
      kind: 'download_complete',
      level: 'success',
      title: `Downloaded ${what} (${language})`,
      message: saved,
      key: series.key,
      data,
    };
  const wanted = LANGUAGE_LABELS[result.fallbackFrom];
  const why = result.attempts.some((a) => a.language === result.fallbackFrom)
    ? `every ${wanted} hoster failed`
    : `the site does not offer ${wanted} yet`;
  return {
    kind: 'download_complete',
    level: 'warning',
    title: `Downloaded ${what} in ${language} instead of ${wanted}`,
    message: `Fallback: ${why}. ${saved} The series page offers an upgrade once ${wanted} is there${series.monitored ? '; monitoring queues it by itself' : ''}.`,
    key: series.key,
    data,
  };
}
