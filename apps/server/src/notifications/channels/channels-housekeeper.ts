import { Injectable, type OnModuleInit } from '@nestjs/common';
import { JobRegistry } from '../../scheduler/job-registry';
import { NOTIFICATION_KEEP_DAYS } from '../notification-housekeeper';
import { OutboxRepository } from './outbox.repository';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Housekeeping: sent and given-up outbox messages older than the notifications are kept. */
@Injectable()
export class ChannelsHousekeeper implements OnModuleInit {
  constructor(
    private readonly registry: JobRegistry,
    private readonly outbox: OutboxRepository,
  ) {}

  onModuleInit(): void {
    this.registry.addHousekeeper({
      name: 'old_outbox_messages',
      sweep: (now) => this.outbox.deleteFinishedBefore(now - NOTIFICATION_KEEP_DAYS * DAY_MS),
    });
  }
}
