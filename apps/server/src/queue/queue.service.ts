import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import {
  episodeCode,
  type EpisodeRef,
  type LanguageCode,
  type Page,
  type QueueAddRequest,
  type QueueAddResponse,
  type QueueClearResponse,
  type QueueItem,
  type QueueItemsQuery,
  type QueuePriority,
  type QueueStatusResponse,
} from '@aniworld/contracts';
import { episodeSlot } from '../anime/episode.repository';
import { EpisodesService } from '../anime/episodes.service';
import { SeriesSyncService } from '../anime/series-sync.service';
import { ConfigService } from '../config/config.service';
import type { DomainEventMap } from '../common/events';
import { QueueStateService } from './queue-state.service';
import { QueueStatusService } from './queue-status.service';
import {
  DownloadsDisabled,
  QueueItemNotFound,
  QueueItemNotPending,
  RetriesUsed,
} from './errors/queue.errors';
import { QueueLanguageRules } from './queue-languages';
import { PRIORITY_RANK, toQueueItem } from './queue.mapper';
import { QueueEntries } from './queue-entries.service';
import { QueueReadRepository } from './queue-read.repository';
import { QueuedEpisodesService } from './queued-episodes.service';
import { QueueRepository } from './queue.repository';
import { DownloadTargetService } from './worker/download-target.service';
import { LiveProgressRegistry } from './worker/live-progress';
import { QueueRunner } from './worker/queue-runner.service';

/** One episode to download to a fixed path (the download client surface, see the README). */
export interface TargetedAdd {
  seriesKey: string;
  season: number;
  episode: number;
  language: LanguageCode;
  priority: QueuePriority;
  targetPath: string;
  category: string | null;
  /** Added held (paused): it waits until {@link QueueService.unhold}. */
  held: boolean;
}

export type TargetedAddResult =
  { ok: true; item: QueueItem } | { ok: false; reason: 'already_queued'; message: string };

/** The queue's use cases behind the HTTP API. */
@Injectable()
export class QueueService {
  private readonly logger = new Logger(QueueService.name);

  constructor(
    private readonly repo: QueueRepository,
    private readonly reads: QueueReadRepository,
    private readonly entries: QueueEntries,
    private readonly queued: QueuedEpisodesService,
    private readonly sync: SeriesSyncService,
    private readonly episodes: EpisodesService,
    private readonly runner: QueueRunner,
    private readonly state: QueueStateService,
    private readonly statusService: QueueStatusService,
    private readonly targets: DownloadTargetService,
    private readonly config: ConfigService,
    private readonly live: LiveProgressRegistry,
    private readonly languages: QueueLanguageRules,
  ) {}

  status(): Promise<QueueStatusResponse> {
    return this.statusService.status();
  }

  items(query: QueueItemsQuery): Promise<Page<QueueItem>> {
    return this.statusService.items(query);
  }

  /**
   * Queues episodes of a series in the library. An episode already pending or downloading (in
   * this request or an earlier one) is reported as skipped, never queued twice.
   */
  async add(request: QueueAddRequest): Promise<QueueAddResponse> {
    const series = await this.sync.requireSeries(request.serie_id);
    const unique = dedupe(request.episodes);
    let episodes = await this.sync.ensureEpisodes(series, unique);
    const language = (request.language as LanguageCode | undefined) ?? null;
    const response: QueueAddResponse = { added: [], skipped: [] };
    if (language) await this.languages.assertOffered(series, episodes, language);
    if (request.upgrade) {
      const { upgrade, skipped } = this.languages.upgradable(series, episodes);
      response.skipped.push(...skipped);
      episodes = upgrade;
    }
    const open = await this.queued.openAmong(episodes.map((e) => e.id));
    const wanted = episodes.filter((e) => !open.has(e.id));
    const inserted = new Map(
      (
        await this.repo.insertMany(
          wanted.map((episode) => ({
            episodeId: episode.id,
            priority: PRIORITY_RANK[request.priority ?? 'NORMAL'],
            language,
            upgrade: request.upgrade === true,
          })),
        )
      ).map((item) => [item.episodeId, item]),
    );
    for (const episode of episodes) {
      const ref = { season: episode.season, episode: episode.episodeNumber };
      const item = inserted.get(episode.id);
      // Open before this request, or queued by a concurrent one meanwhile.
      if (!item) {
        response.skipped.push({ ...ref, reason: 'already queued (pending or downloading)' });
        continue;
      }
      response.added.push(toQueueItem({ ...item, episode: { ...episode, series } }));
    }
    for (const duplicate of duplicatesOf(request.episodes))
      response.skipped.push({ ...duplicate, reason: 'listed more than once in this request' });
    this.logger.log({
      msg: 'episodes queued',
      key: series.key,
      added: response.added.length,
      skipped: response.skipped.length,
    });
    if (response.added.length) {
      this.statusService.changed();
      this.runner.kick();
    }
    return response;
  }

  /**
   * Queues one episode whose file goes to `targetPath` rather than into the library. Same
   * dedup as {@link add}: while the episode has an open item, it is not queued again.
   */
  async addTargeted(input: TargetedAdd): Promise<TargetedAddResult> {
    const series = await this.sync.requireSeries(input.seriesKey);
    const [episode] = await this.sync.ensureEpisodes(series, [
      { season: input.season, episode: input.episode },
    ]);
    const result = await this.repo.insert({
      episodeId: episode.id,
      priority: PRIORITY_RANK[input.priority],
      language: input.language,
      targetPath: input.targetPath,
      category: input.category,
      held: input.held,
    });
    if (!result.ok) {
      return {
        ok: false,
        reason: 'already_queued',
        message: `${series.key} ${episodeCode(input.season, input.episode)} is already queued (pending or downloading)`,
      };
    }
    this.logger.log({
      msg: 'episode queued for a download client',
      item_id: result.item.id,
      key: series.key,
      season: input.season,
      episode: input.episode,
      category: input.category,
    });
    this.statusService.changed();
    this.runner.kick();
    return { ok: true, item: toQueueItem({ ...result.item, episode: { ...episode, series } }) };
  }

  /** The items with these ids that still exist, with live progress for running ones. */
  async itemsByIds(ids: string[]): Promise<QueueItem[]> {
    const found = await this.entries.byIds([...new Set(ids)]);
    return found.map((i) => toQueueItem(i, this.live.get(i.id)));
  }

  /** Holds items back (running ones are suspended like a pause, partial files kept). */
  async hold(ids: string[]): Promise<void> {
    await this.repo.setHeld(ids, true);
    for (const id of ids) if (this.runner.isActive(id)) await this.runner.suspend(id);
    this.statusService.changed();
  }

  async unhold(ids: string[]): Promise<void> {
    await this.repo.setHeld(ids, false);
    this.statusService.changed();
    this.runner.kick();
  }

  async setCategory(ids: string[], category: string | null): Promise<void> {
    await this.repo.setCategory(ids, category);
    this.statusService.changed();
  }

  /** Moves pending items to the front of their priority (first of `ids` first). */
  async moveToFront(ids: string[]): Promise<void> {
    const pending = (await this.reads.listByStatus(['pending'])).map((i) => i.id);
    const front = ids.filter((id) => pending.includes(id));
    if (!front.length) return;
    await this.repo.setPositions([...front, ...pending.filter((id) => !front.includes(id))]);
    this.statusService.changed();
  }

  async remove(id: string): Promise<void> {
    await this.removeMany([id]);
  }

  /** Removes items; an active one is cancelled first (download aborted, partial files deleted). */
  async removeMany(ids: string[]): Promise<void> {
    const unique = [...new Set(ids)];
    const items = await this.reads.findByIds(unique);
    const missing = unique.filter((id) => !items.some((i) => i.id === id));
    if (missing.length) throw new QueueItemNotFound(missing);
    for (const item of items) if (this.runner.isActive(item.id)) await this.runner.cancel(item.id);
    await this.repo.delete(unique);
    this.statusService.changed();
    this.runner.kick();
  }

  /**
   * Moves a pending item to `newPosition` (0-based index in the pending list). The others keep
   * their relative order; priority still comes first when items are claimed.
   */
  async reorder(id: string, newPosition: number): Promise<QueueStatusResponse> {
    const ids = await this.reads.pendingIds();
    const from = ids.indexOf(id);
    if (from === -1) {
      if (await this.reads.findById(id)) throw new QueueItemNotPending(id);
      throw new QueueItemNotFound([id]);
    }
    ids.splice(from, 1);
    ids.splice(Math.min(Math.max(0, newPosition), ids.length), 0, id);
    await this.repo.setPositions(ids);
    this.statusService.changed();
    return this.status();
  }

  /**
   * Failed (or cancelled) items back to pending; no ids = every failed item. The retry limit
   * holds: an item that has used all its retries (attempts beyond `max_retries`) goes back only
   * with `resetAttempts`, which starts its attempts over. Named ones that cannot are refused
   * (409, nothing changed); when retrying every failed item they are skipped.
   */
  async retry(ids: string[], resetAttempts = false): Promise<QueueStatusResponse> {
    const { max_retries } = this.config.config.downloads;
    const exhausted = (item: { attempts: number }) => !resetAttempts && item.attempts > max_retries;
    let targets = [...new Set(ids)];
    let skipped = 0;
    if (targets.length) {
      const found = await this.reads.findByIds(targets);
      const missing = targets.filter((id) => !found.some((i) => i.id === id));
      if (missing.length) throw new QueueItemNotFound(missing);
      const used = found.filter(exhausted).map((i) => i.id);
      if (used.length) throw new RetriesUsed(used, max_retries);
    } else {
      const failed = await this.reads.failedItems();
      targets = failed.filter((i) => !exhausted(i)).map((i) => i.id);
      skipped = failed.length - targets.length;
    }
    const reset = await this.repo.resetForRetry(targets, resetAttempts);
    this.logger.log({
      msg: 'items retried',
      items: reset.length,
      attempts_reset: resetAttempts,
      skipped_retries_used: skipped,
    });
    this.statusService.changed();
    this.runner.kick();
    return this.status();
  }

  /** A series left the library: its open items go (active downloads cancelled, partials deleted). */
  @OnEvent('series.removed')
  async onSeriesRemoved(event: DomainEventMap['series.removed']): Promise<void> {
    try {
      const episodeIds = await this.episodes.idsOfSeries(event.series_id);
      const ids = (await this.reads.openOfEpisodes(episodeIds)).map((item) => item.id);
      if (!ids.length) return;
      await this.removeMany(ids);
      this.logger.log({
        msg: 'queue items of a removed series dropped',
        key: event.key,
        items: ids.length,
      });
    } catch (error) {
      this.logger.error({
        msg: 'could not drop the queue items of a removed series',
        key: event.key,
        error: String(error),
      });
    }
  }

  async clearCompleted(): Promise<QueueClearResponse> {
    const removed = await this.repo.deleteByStatus('completed');
    this.statusService.changed();
    return { removed };
  }

  async start(): Promise<QueueStatusResponse> {
    const problem = await this.targets.problem();
    if (problem) throw new DownloadsDisabled(problem);
    await this.state.set({ running: true, paused: false });
    this.runner.kick();
    return this.changed();
  }

  async stop(): Promise<QueueStatusResponse> {
    await this.state.set({ running: false, paused: false });
    await this.runner.stopAll('pause');
    return this.changed();
  }

  async pause(): Promise<QueueStatusResponse> {
    await this.state.set({ paused: true });
    await this.runner.stopAll('pause');
    return this.changed();
  }

  async resume(): Promise<QueueStatusResponse> {
    await this.state.set({ paused: false });
    this.runner.kick();
    return this.changed();
  }

  private changed(): Promise<QueueStatusResponse> {
    this.statusService.changed();
    return this.status();
  }
}

function dedupe(refs: EpisodeRef[]): EpisodeRef[] {
  const seen = new Map<string, EpisodeRef>();
  for (const ref of refs) {
    const slot = episodeSlot(ref.season, ref.episode);
    if (!seen.has(slot)) seen.set(slot, { season: ref.season, episode: ref.episode });
  }
  return [...seen.values()];
}

function duplicatesOf(refs: EpisodeRef[]): EpisodeRef[] {
  const seen = new Set<string>();
  const duplicates: EpisodeRef[] = [];
  for (const ref of refs) {
    const slot = episodeSlot(ref.season, ref.episode);
    if (seen.has(slot)) duplicates.push({ season: ref.season, episode: ref.episode });
    seen.add(slot);
  }
  return duplicates;
}
