import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type {
  AppNotification,
  NotificationKind,
  NotificationLevel,
  NotificationListResponse,
} from '@aniworld/contracts';
import { CLOCK, type Clock } from '../common/clock';
import { DomainEvents } from '../common/events';
import type { NotificationEntity } from './entities/notification.entity';
import { NotificationNotFound } from './errors/notifications.errors';
import { NotificationRepository } from './notification.repository';

export interface NewNotification {
  kind: NotificationKind;
  level: NotificationLevel;
  title: string;
  message: string;
  /** Series key when it is about one. */
  key?: string | null;
  data?: Record<string, unknown> | null;
}

/** Stores notifications and announces each one (`notification.created`, pushed on the socket). */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly events: DomainEvents,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async create(input: NewNotification): Promise<AppNotification> {
    const entity: NotificationEntity = {
      id: randomUUID(),
      kind: input.kind,
      level: input.level,
      title: input.title.slice(0, 300),
      message: input.message,
      seriesKey: input.key ?? null,
      data: input.data ?? null,
      readAt: null,
      createdAt: new Date(this.clock.now()),
    };
    await this.notifications.insert(entity);
    const notification = toNotification(entity);
    this.events.emit('notification.created', notification);
    return notification;
  }

  async list(limit: number, unreadOnly: boolean): Promise<NotificationListResponse> {
    const [rows, unread] = await Promise.all([
      this.notifications.newest(limit, unreadOnly),
      this.notifications.countUnread(),
    ]);
    return { items: rows.map(toNotification), unread };
  }

  async markRead(id: string): Promise<void> {
    if (!(await this.notifications.markRead(id, new Date(this.clock.now()))))
      throw new NotificationNotFound(id);
  }

  async markAllRead(): Promise<void> {
    await this.notifications.markAllRead(new Date(this.clock.now()));
  }
}

export function toNotification(entity: NotificationEntity): AppNotification {
  return {
    id: entity.id,
    kind: entity.kind,
    level: entity.level,
    title: entity.title,
    message: entity.message,
    key: entity.seriesKey,
    read: entity.readAt !== null,
    created_at: entity.createdAt.toISOString(),
    data: entity.data,
  };
}
