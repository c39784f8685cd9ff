import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Page, QueueItem, QueueItemsQuery, QueueStatusResponse } from '@aniworld/contracts';
import { CLOCK, type Clock } from '../common/clock';
import { DomainEvents } from '../common/events';
import { QueueStateService } from './queue-state.service';
import { QueueEntries } from './queue-entries.service';
import { QueueTotalsRepository } from './queue-totals.repository';
import { toMbps, toQueueItem } from './queue.mapper';
import { LiveProgressRegistry } from './worker/live-progress';
import { Debouncer } from './worker/throttle';

/**
 * Builds `GET /api/queue/status` (state, totals, active items: a few KB whatever the history),
 * the paged lists of `GET /api/queue/items`, and the debounced `queue.status` event, which is
 * the same small status and is not built when nobody listens.
 */
@Injectable()
export class QueueStatusService implements OnModuleDestroy {
  private readonly debouncer: Debouncer;

  constructor(
    private readonly entries: QueueEntries,
    private readonly totals: QueueTotalsRepository,
    private readonly state: QueueStateService,
    private readonly live: LiveProgressRegistry,
    private readonly events: DomainEvents,
    @Inject(CLOCK) clock: Clock,
  ) {
    this.debouncer = new Debouncer(250, 1000, clock, () => void this.publish());
  }

  async status(): Promise<QueueStatusResponse> {
    const [active, { counts, completedBytes }, { running, paused }] = await Promise.all([
      this.entries.downloading(),
      this.totals.totals(),
      // The stored state, which another instance may have changed.
      this.state.read(),
    ]);
    return {
      is_running: running,
      is_paused: paused,
      active_downloads: active.map((i) => toQueueItem(i, this.live.get(i.id))),
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

  /** One page of a list, with its total from the kept counts. */
  async items(query: QueueItemsQuery): Promise<Page<QueueItem>> {
    const page = query.page ?? 1;
    const pageSize = query.page_size ?? 50;
    const [rows, { counts }] = await Promise.all([
      this.entries.page(query.list, (page - 1) * pageSize, pageSize),
      this.totals.totals(),
    ]);
    return {
      items: rows.map((i) => toQueueItem(i)),
      total: counts[query.list],
      page,
      page_size: pageSize,
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
    if (!this.events.hasAudience('queue.status')) return;
    try {
      this.events.emit('queue.status', await this.status());
    } catch {
      // The database is closing (shutdown); the next change publishes again.
    }
  }
}
