import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CLOCK, type Clock } from '../../common/clock';
import type { NotificationOutboxEntity } from '../entities/notification-outbox.entity';
import { buildRequest } from './channel-requests';
import { send } from './channel-sender';
import { ChannelRepository } from './channel.repository';
import { nextAttemptAt, shouldFlag } from './delivery-policy';
import { OutboxRepository } from './outbox.repository';

const POLL_MS = 2_000;
const LEASE_MS = 60_000;
const BATCH = 20;

/**
 * Sends the outbox, apart from the workers that raised the events: each instance polls for due
 * messages (and is kicked when one is written), claims each with a lease so no message goes
 * out twice across instances, and records the outcome on the message and its channel (see
 * delivery-policy.ts for retries and flagging).
 */
@Injectable()
export class OutboxDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxDispatcher.name);
  private readonly instanceId = randomUUID();
  private timer: NodeJS.Timeout | null = null;
  private busy: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly channels: ChannelRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.kick(), POLL_MS);
    this.timer.unref();
    this.kick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.busy;
  }

  kick(): void {
    if (this.stopped) return;
    if (this.busy) {
      this.again = true;
      return;
    }
    this.busy = this.drain()
      .catch((error: unknown) =>
        this.logger.error({ msg: 'outbox pass failed', error: String(error) }),
      )
      .finally(() => {
        this.busy = null;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  private async drain(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      const now = this.clock.now();
      const due = await this.outbox.due(now, BATCH);
      if (!due.length) return;
      let sent = 0;
      for (const message of due) {
        if (this.stopped) return;
        if (!(await this.outbox.claim(message.id, this.instanceId, now, now + LEASE_MS))) continue;
        await this.deliver(message);
        sent++;
      }
      if (!sent) return;
    }
  }

  private async deliver(message: NotificationOutboxEntity): Promise<void> {
    const channel = await this.channels.get(message.channelId);
    const attempts = message.attempts + 1;
    if (!channel || channel.failing || !channel.enabled) {
      await this.outbox.attemptFailed(message.id, attempts, 'channel disabled or flagged', null);
      return;
    }
    const result = await send(buildRequest(channel, message.payload));
    const now = this.clock.now();
    if (result.ok) {
      await this.outbox.delivered(message.id, attempts, now);
      await this.channels.succeeded(channel.id, now);
      return;
    }
    const error = result.error ?? 'failed';
    const next = nextAttemptAt(attempts, now);
    await this.outbox.attemptFailed(message.id, attempts, error, next);
    const streak = await this.channels.failedOnce(channel.id, error, now);
    this.logger.warn({
      msg: 'notification not delivered',
      channel_id: channel.id,
      kind: channel.kind,
      event: message.event,
      attempts,
      error,
      retry_at: next === null ? null : new Date(next).toISOString(),
    });
    if (shouldFlag(streak)) {
      await this.channels.flag(channel.id);
      await this.outbox.failPendingOf(channel.id, `channel flagged after ${streak} failures`);
      this.logger.error({ msg: 'channel flagged as failing', channel_id: channel.id, streak });
    }
  }
}
