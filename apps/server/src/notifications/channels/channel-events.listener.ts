import { Inject, Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { randomUUID } from 'node:crypto';
import { type ChannelPayload, episodeCode, type NotificationEventId } from '@aniworld/contracts';
import { CLOCK, type Clock } from '../../common/clock';
import type { DomainEventMap } from '../../common/events';
import { ChannelRepository } from './channel.repository';
import { OutboxDispatcher } from './outbox-dispatcher.service';
import { OutboxRepository } from './outbox.repository';

/**
 * Turns domain events into outbox messages for the channels that chose them. Only writes rows
 * (the dispatcher sends), so a download worker that raised the event is never held up by a slow
 * receiver; a failure here is logged and never reaches the worker.
 */
@Injectable()
export class ChannelEventsListener {
  private readonly logger = new Logger(ChannelEventsListener.name);

  constructor(
    private readonly channels: ChannelRepository,
    private readonly outbox: OutboxRepository,
    private readonly dispatcher: OutboxDispatcher,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @OnEvent('download.complete')
  async onDownloadComplete(e: DomainEventMap['download.complete']): Promise<void> {
    await this.enqueue('download_completed', {
      title: `Downloaded ${e.key} ${episodeCode(e.season, e.episode)}`,
      message: `Saved to ${e.file_path} (from ${e.hoster})`,
      priority: 'normal',
      data: { ...e },
    });
  }

  @OnEvent('download.failed')
  async onDownloadFailed(e: DomainEventMap['download.failed']): Promise<void> {
    if (e.providers_tried.some((a) => a.error_code === 'CHALLENGE_REQUIRED')) {
      await this.enqueue('challenge_required', {
        title: `A site or hoster needs you: ${e.key} ${episodeCode(e.season, e.episode)}`,
        message: 'A challenge page (captcha) blocked the download; open the site in a browser.',
        priority: 'high',
        data: { ...e },
      });
    }
    if (e.will_retry) return;
    await this.enqueue('download_failed', {
      title: `Download failed: ${e.key} ${episodeCode(e.season, e.episode)}`,
      message: e.error,
      priority: 'high',
      data: { ...e },
    });
  }

  @OnEvent('episodes.queued')
  async onEpisodesQueued(e: DomainEventMap['episodes.queued']): Promise<void> {
    await this.enqueue('episodes_queued', {
      title: `${e.total} new episode${e.total === 1 ? '' : 's'} queued`,
      message: e.series
        .map(
          (s) => `${s.name}: ${s.episodes.map((x) => episodeCode(x.season, x.episode)).join(', ')}`,
        )
        .join('\n'),
      priority: 'normal',
      data: { ...e },
    });
  }

  @OnEvent('disk.problem')
  async onDiskProblem(e: DomainEventMap['disk.problem']): Promise<void> {
    await this.enqueue('disk_problem', {
      title: 'Downloads paused: library disk problem',
      message: e.reason,
      priority: 'high',
      data: { ...e },
    });
  }

  @OnEvent('scan.complete')
  async onScanComplete(e: DomainEventMap['scan.complete']): Promise<void> {
    if (!e.unmatched) return;
    await this.enqueue('scan_unmatched', {
      title: `Library scan: ${e.unmatched} unmatched folder${e.unmatched === 1 ? '' : 's'}`,
      message: 'Confirm their series in the library view.',
      priority: 'normal',
      data: { ...e },
    });
  }

  private async enqueue(
    event: NotificationEventId,
    content: Omit<ChannelPayload, 'event' | 'sent_at'>,
  ): Promise<void> {
    try {
      const targets = (await this.channels.list()).filter(
        (c) => c.enabled && !c.failing && c.events.includes(event),
      );
      if (!targets.length) return;
      const now = this.clock.now();
      const payload: ChannelPayload = { event, ...content, sent_at: new Date(now).toISOString() };
      await this.outbox.insert(
        targets.map((c) => ({
          id: randomUUID(),
          channelId: c.id,
          event,
          payload,
          status: 'pending' as const,
          attempts: 0,
          nextAttemptAt: now,
          lastError: null,
          leaseOwner: null,
          leaseUntil: null,
          createdAt: now,
          deliveredAt: null,
        })),
      );
      this.dispatcher.kick();
    } catch (error) {
      this.logger.error({
        msg: 'could not queue an outbound notification',
        event,
        error: String(error),
      });
    }
  }
}
