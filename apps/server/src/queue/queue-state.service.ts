import { Injectable } from '@nestjs/common';
import { SystemSettingsRepository } from '../database/system-settings.repository';
import { QUEUE_STATE_KEY } from './queue-lease.repository';

export interface QueueRunState {
  running: boolean;
  paused: boolean;
}

/** True when workers may claim items. */
export function isActive(state: QueueRunState): boolean {
  return state.running && !state.paused;
}

export function sameState(a: QueueRunState, b: QueueRunState): boolean {
  return a.running === b.running && a.paused === b.paused;
}

/**
 * Whether the queue runs, in system_settings: the one truth for every instance on the database
 * (several instances on PostgreSQL), kept over restarts. Nothing is cached: each read goes to
 * the row, and the claim query checks the same row (see {@link QueueLeaseRepository.claim}).
 * Default: running.
 *
 * - pause: no new item is claimed and active downloads are suspended (aborted with their partial
 *   files kept, back to pending with their bytes); resume continues them from those files.
 * - stop: the same, and the queue is marked not running; start runs it again (and clears a pause).
 * Resume while stopped only clears the pause; nothing runs until start.
 */
@Injectable()
export class QueueStateService {
  constructor(private readonly settings: SystemSettingsRepository) {}

  async read(): Promise<QueueRunState> {
    return normalise(await this.settings.get<Partial<QueueRunState>>(QUEUE_STATE_KEY));
  }

  /**
   * Changes the stored state atomically (two instances pausing and stopping at once both take
   * effect); returns it before and after, so a caller can tell whether it made the change.
   */
  async set(
    next: Partial<QueueRunState>,
  ): Promise<{ before: QueueRunState; after: QueueRunState }> {
    const { before, after } = await this.settings.update<Partial<QueueRunState>>(
      QUEUE_STATE_KEY,
      (current) => ({ ...normalise(current), ...next }),
    );
    return { before: normalise(before), after: normalise(after) };
  }
}

function normalise(stored: Partial<QueueRunState> | null): QueueRunState {
  return { running: stored?.running !== false, paused: stored?.paused === true };
}
