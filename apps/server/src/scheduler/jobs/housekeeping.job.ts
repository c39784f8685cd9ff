import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { Inject } from '@nestjs/common';
import { CLOCK, type Clock } from '../../common/clock';
import { JobRegistry, type JobResult } from '../job-registry';

/**
 * Housekeeping, daily at 04:30 UTC: every module's contributed sweep (expired sessions, old
 * notifications, finished queue items older than `queue.keep_days`, delivered outbox entries).
 * One failing sweep does not stop the others; the run fails if any did.
 */
@Injectable()
export class HousekeepingJob implements OnModuleInit {
  private readonly logger = new Logger(HousekeepingJob.name);

  constructor(
    private readonly registry: JobRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.registry.register({
      name: 'housekeeping',
      description: 'Remove expired sessions, old notifications and old finished queue items',
      schedule: () => ({ kind: 'daily', time: '04:30', timezone: 'UTC' }),
      run: () => this.run(),
    });
  }

  async run(): Promise<JobResult> {
    const now = this.clock.now();
    const done: string[] = [];
    const failed: string[] = [];
    for (const housekeeper of this.registry.listHousekeepers()) {
      try {
        done.push(`${housekeeper.name}: ${await housekeeper.sweep(now)}`);
      } catch (error) {
        this.logger.error({ msg: 'sweep failed', sweep: housekeeper.name, error: String(error) });
        failed.push(`${housekeeper.name}: ${String(error)}`);
      }
    }
    if (failed.length) throw new Error(`failed ${failed.join('; ')} (removed ${done.join(', ')})`);
    return { message: `removed ${done.join(', ')}` };
  }
}
