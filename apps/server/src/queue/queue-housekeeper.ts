import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '../config/config.service';
import { JobRegistry } from '../scheduler/job-registry';
import { QueueRepository } from './queue.repository';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Housekeeping: completed and cancelled items older than `queue.keep_days`; failed ones stay. */
@Injectable()
export class QueueHousekeeper implements OnModuleInit {
  constructor(
    private readonly registry: JobRegistry,
    private readonly repo: QueueRepository,
    private readonly config: ConfigService,
  ) {}

  onModuleInit(): void {
    this.registry.addHousekeeper({
      name: 'finished_queue_items',
      sweep: (now) =>
        this.repo.deleteFinishedBefore(new Date(now - this.config.config.queue.keep_days * DAY_MS)),
    });
  }
}
