import { Injectable, type OnModuleInit } from '@nestjs/common';
import { JobRegistry } from '../scheduler/job-registry';
import { NotificationRepository } from './notification.repository';

/** In-app notifications are kept this long; older ones go (read or not). */
export const NOTIFICATION_KEEP_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Housekeeping: in-app notifications older than {@link NOTIFICATION_KEEP_DAYS}. */
@Injectable()
export class NotificationHousekeeper implements OnModuleInit {
  constructor(
    private readonly registry: JobRegistry,
    private readonly repo: NotificationRepository,
  ) {}

  onModuleInit(): void {
    this.registry.addHousekeeper({
      name: 'old_notifications',
      sweep: (now) => this.repo.deleteBefore(new Date(now - NOTIFICATION_KEEP_DAYS * DAY_MS)),
    });
  }
}
