import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type {
  ChannelPayload,
  ChannelSecrets,
  ChannelTestResult,
  NotificationChannel,
  NotificationChannelCreate,
  NotificationChannelUpdate,
} from '@aniworld/contracts';
import { CLOCK, type Clock } from '../../common/clock';
import { ValidationFailedError } from '../../common/errors';
import { ChannelNotFound } from '../errors/notifications.errors';
import type { NotificationChannelEntity } from '../entities/notification-channel.entity';
import { buildRequest, missingFields } from './channel-requests';
import { send } from './channel-sender';
import { ChannelRepository } from './channel.repository';

/** Channel CRUD and "Test". Saving a channel clears its failing flag: the user fixed it. */
@Injectable()
export class ChannelsService {
  private readonly logger = new Logger(ChannelsService.name);

  constructor(
    private readonly channels: ChannelRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(): Promise<NotificationChannel[]> {
    return (await this.channels.list()).map(toChannel);
  }

  async create(input: NotificationChannelCreate): Promise<NotificationChannel> {
    const entity: NotificationChannelEntity = {
      id: randomUUID(),
      name: input.name,
      kind: input.kind,
      enabled: input.enabled ?? true,
      events: [...new Set(input.events)],
      settings: { ...(input.settings ?? {}) },
      secrets: { ...(input.secrets ?? {}) },
      failing: false,
      consecutiveFailures: 0,
      lastError: null,
      lastErrorAt: null,
      lastSuccessAt: null,
      createdAt: this.clock.now(),
    };
    this.requireComplete(entity);
    const saved = await this.channels.save(entity);
    this.logger.log({ msg: 'channel created', channel_id: saved.id, kind: saved.kind });
    return toChannel(saved);
  }

  async update(id: string, input: NotificationChannelUpdate): Promise<NotificationChannel> {
    const entity = await this.require(id);
    if (input.name !== undefined) entity.name = input.name;
    if (input.enabled !== undefined) entity.enabled = input.enabled;
    if (input.events !== undefined) entity.events = [...new Set(input.events)];
    if (input.settings !== undefined) entity.settings = { ...input.settings };
    for (const [name, value] of Object.entries(input.secrets ?? {})) {
      const key = name as keyof ChannelSecrets;
      if (value === null) delete entity.secrets[key];
      else if (value !== undefined) entity.secrets[key] = value;
    }
    entity.failing = false;
    entity.consecutiveFailures = 0;
    this.requireComplete(entity);
    return toChannel(await this.channels.save(entity));
  }

  async remove(id: string): Promise<void> {
    if (!(await this.channels.delete(id))) throw new ChannelNotFound(id);
  }

  /** Sends a test message now (not through the outbox) and says how it went. */
  async test(id: string): Promise<ChannelTestResult> {
    const channel = await this.require(id);
    const now = this.clock.now();
    const payload: ChannelPayload = {
      event: 'test',
      title: 'Aniworld test notification',
      message: `If you can read this, channel "${channel.name}" works.`,
      priority: 'normal',
      data: { channel_id: channel.id },
      sent_at: new Date(now).toISOString(),
    };
    const result = await send(buildRequest(channel, payload));
    if (result.ok) await this.channels.succeeded(channel.id, now);
    else await this.channels.failedOnce(channel.id, result.error ?? 'failed', now);
    return result;
  }

  private async require(id: string): Promise<NotificationChannelEntity> {
    const channel = await this.channels.get(id);
    if (!channel) throw new ChannelNotFound(id);
    return channel;
  }

  private requireComplete(entity: NotificationChannelEntity): void {
    const missing = missingFields(entity);
    if (missing.length) throw new ValidationFailedError(missing);
  }
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function toChannel(entity: NotificationChannelEntity): NotificationChannel {
  return {
    id: entity.id,
    name: entity.name,
    kind: entity.kind,
    enabled: entity.enabled,
    events: entity.events,
    settings: entity.settings,
    secrets_set: (Object.keys(entity.secrets) as (keyof ChannelSecrets)[]).filter(
      (k) => !!entity.secrets[k],
    ),
    failing: entity.failing,
    consecutive_failures: entity.consecutiveFailures,
    last_error: entity.lastError,
    last_error_at: iso(entity.lastErrorAt),
    last_success_at: iso(entity.lastSuccessAt),
    created_at: new Date(entity.createdAt).toISOString(),
  };
}
