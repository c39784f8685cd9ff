import { Injectable, type OnModuleInit } from '@nestjs/common';
import { SystemSettingsRepository } from '../database/system-settings.repository';

export interface QueueRunState {
  running: boolean;
  paused: boolean;
}

const KEY = 'queue.state';

/**
 * Whether the queue runs, persisted in system_settings so a restart keeps it. Default: running.
 *
 * - pause: no new item is claimed and active downloads are suspended (aborted with their partial
 *   files kept, back to pending with their bytes); resume continues them from those files.
 * - stop: the same, and the queue is marked not running; start runs it again (and clears a pause).
 * Resume while stopped only clears the pause; nothing runs until start.
 */
@Injectable()
export class QueueStateService implements OnModuleInit {
  private state: QueueRunState = { running: true, paused: false };

  constructor(private readonly settings: SystemSettingsRepository) {}

  async onModuleInit(): Promise<void> {
    const stored = await this.settings.get<Partial<QueueRunState>>(KEY);
    if (stored) this.state = { running: stored.running !== false, paused: stored.paused === true };
  }

  get current(): QueueRunState {
    return { ...this.state };
  }

  /** True when workers may claim items. */
  get active(): boolean {
    return this.state.running && !this.state.paused;
  }

  async set(next: Partial<QueueRunState>): Promise<QueueRunState> {
    this.state = { ...this.state, ...next };
    await this.settings.set(KEY, this.state);
    return this.current;
  }
}
