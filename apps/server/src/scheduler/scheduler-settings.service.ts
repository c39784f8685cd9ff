import { Injectable } from '@nestjs/common';
import type { SchedulerResponse, SchedulerUpdate } from '@aniworld/contracts';
import { ConfigService } from '../config/config.service';
import { SchedulerService } from './scheduler.service';

/**
 * The scheduler's settings are the `scheduler` section of the configuration: PUT goes through
 * the config service (validated, written atomically with a backup); the change event makes the
 * scheduler recompute next runs.
 */
@Injectable()
export class SchedulerSettingsService {
  constructor(
    private readonly config: ConfigService,
    private readonly scheduler: SchedulerService,
  ) {}

  async view(): Promise<SchedulerResponse> {
    return { settings: this.config.config.scheduler, jobs: await this.scheduler.jobs() };
  }

  async update(update: SchedulerUpdate): Promise<SchedulerResponse> {
    await this.config.update({ scheduler: update });
    await this.scheduler.tick();
    return this.view();
  }
}
