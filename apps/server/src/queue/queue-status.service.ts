import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { QueueStatusResponse } from '@aniworld/contracts';
import { CLOCK, type Clock } from '../common/clock';
import { DomainEvents } from '../common/events';
import { QueueStateService } from './queue-state.service';
import { QueueRepository } from './queue.repository';
import { toMbps, toQueueItem } from './queue.mapper';
import { LiveProgressRegistry } from './worker/live-progress';
import { Debouncer } from './worker/throttle';

/** Finished items listed in the status (the counts in `stats` cover all of them). */
const FINISHED_LISTED = 100;

/** Builds `GET /api/queue/status` and announces it (debounced) when the queue changes. */
@Injectable()
export class QueueStatusService implements OnModuleDestroy {
  private readonly debouncer: Debouncer;

  constructor(
    private readonly repo: QueueRepository,
    private readonly state: QueueStateService,
    private readonly live: LiveProgressRegistry,
    private readonly events: DomainEvents,
    @Inject(CLOCK) clock: Clock,
  ) {
    this.debouncer = new Debouncer(250, 1000, clock, () => void this.publish());
  }

  async status(): Promise<QueueStatusResponse> {
    const [open, completed, failed, counts, completedBytes, { running, paused }] =
      await Promise.all([
        this.repo.listByStatus(['downloading', 'pending']),
        this.repo.listFinished('completed', FINISHED_LISTED),
        this.repo.listFinished('failed', FINISHED_LISTED),
        this.repo.countByStatus(),
        this.repo.completedBytes(),
        // The stored state, which another instance may have changed.
        this.state.read(),
      ]);
    const active = open.filter((i) => i.status === 'downloading');
    return {
      is_running: running,
      is_paused: paused,
      active_downloads: active.map((i) => toQueueItem(i, this.live.get(i.id))),
      pending_queue: open.filter((i) => i.status === 'pending').map((i) => toQueueItem(i)),
      completed_downloads: completed.map((i) => toQueueItem(i)),
      failed_downloads: failed.map((i) => toQueueItem(i)),
      stats: {
        total_items: Object.values(counts).reduce((a, b) => a + b, 0),
        pending: counts.pending,
        active: counts.downloading,
        completed: counts.completed,
        failed: counts.failed,
        current_speed_mbps: toMbps(this.live.totalSpeed()) ?? 0,
        bytes_downloaded: completedBytes,
      },
    };
  }

  /** Something changed: a `queue.status` event follows shortly (several changes, one event). */
  changed(): void {
    this.debouncer.call();
  }

  onModuleDestroy(): void {
    this.debouncer.cancel();
  }

  private async publish(): Promise<void> {
    try {
      this.events.emit('queue.status', await this.status());
    } catch {
      // The database is closing (shutdown); the next change publishes again.
    }
  }
}
