import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import type {
  DownloadProgressEvent,
  QueueAddRequest,
  QueueAddResponse,
  QueueItem,
  QueueStatusResponse,
} from '@aniworld/contracts';
import { type Observable, firstValueFrom } from 'rxjs';
import { type ApiError, toApiError } from '../core/api/api-error';
import { type QueueControl, QueueApiService } from '../core/api/queue-api.service';
import { SocketService } from '../core/socket/socket.service';

/** Which action an error belongs to, so the page shows it where the user clicked. */
export type QueueAction = 'load' | 'control' | 'reorder' | 'remove' | 'retry' | 'clear' | 'add';

function isQueueStatus(value: unknown): value is QueueStatusResponse {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as QueueStatusResponse).pending_queue)
  );
}

function withProgress(item: QueueItem, event: DownloadProgressEvent): QueueItem {
  return {
    ...item,
    status: 'downloading',
    progress: {
      percent: event.percent,
      bytes_done: event.bytes.done,
      bytes_total: event.bytes.total,
      speed_mbps: event.speed_mbps,
      eta_seconds: event.eta_seconds,
    },
  };
}

/** The download queue, kept live by `queue_status` and `download_progress` socket events. */
@Injectable({ providedIn: 'root' })
export class QueueStore {
  private readonly api = inject(QueueApiService);
  private readonly socket = inject(SocketService);

  private readonly state = signal<QueueStatusResponse | null>(null);
  readonly status = this.state.asReadonly();
  readonly loading = signal(false);
  readonly busy = signal(false);
  readonly error = signal<{ action: QueueAction; error: ApiError } | null>(null);

  readonly active = computed(() => this.state()?.active_downloads ?? []);
  readonly pending = computed(() => this.state()?.pending_queue ?? []);
  readonly completed = computed(() => this.state()?.completed_downloads ?? []);
  readonly failed = computed(() => this.state()?.failed_downloads ?? []);
  readonly isEmpty = computed(
    () =>
      this.active().length +
        this.pending().length +
        this.completed().length +
        this.failed().length ===
      0,
  );

  constructor() {
    this.socket.join('downloads');
    this.socket.join('download_progress');
    const subscriptions = [
      this.socket.on('queue_status').subscribe((status) => this.state.set(status)),
      this.socket.on('download_progress').subscribe((event) => this.applyProgress(event)),
      // Completion and failure move items between lists: the server's view is the truth.
      this.socket.on('download_complete').subscribe(() => void this.load(true)),
      this.socket.on('download_failed').subscribe(() => void this.load(true)),
    ];
    inject(DestroyRef).onDestroy(() => subscriptions.forEach((s) => s.unsubscribe()));
  }

  errorFor(action: QueueAction): ApiError | null {
    const current = this.error();
    return current?.action === action ? current.error : null;
  }

  /** Loads the queue; `quiet` skips the loading indicator for background refreshes. */
  async load(quiet = false): Promise<void> {
    if (!quiet) this.loading.set(true);
    try {
      this.state.set(await firstValueFrom(this.api.status()));
      if (this.error()?.action === 'load') this.error.set(null);
    } catch (error) {
      this.error.set({ action: 'load', error: toApiError(error) });
    } finally {
      this.loading.set(false);
    }
  }

  async add(request: QueueAddRequest): Promise<QueueAddResponse | null> {
    return (await this.run('add', this.api.add(request)))?.value ?? null;
  }

  async control(action: QueueControl): Promise<boolean> {
    return (await this.run('control', this.api.control(action))) !== null;
  }

  async remove(id: string): Promise<boolean> {
    return (await this.run('remove', this.api.remove(id))) !== null;
  }

  /** No ids retries every failed item; `resetAttempts` also those that used all their retries. */
  async retry(ids: string[] = [], resetAttempts = false): Promise<boolean> {
    return (await this.run('retry', this.api.retry(ids, resetAttempts))) !== null;
  }

  async clearCompleted(): Promise<boolean> {
    return (await this.run('clear', this.api.clearCompleted())) !== null;
  }

  /** Moves a pending item at once (drag and drop must feel instant) and undoes it if refused. */
  async reorder(fromIndex: number, toIndex: number): Promise<void> {
    const current = this.state();
    if (!current || fromIndex === toIndex) return;
    const pending = [...current.pending_queue];
    const [moved] = pending.splice(fromIndex, 1);
    if (!moved) return;
    pending.splice(toIndex, 0, moved);
    this.state.set({ ...current, pending_queue: pending });
    const result = await this.run(
      'reorder',
      this.api.reorder({ item_id: moved.id, new_position: toIndex }),
      false,
    );
    if (result === null) this.state.set(current);
  }

  private applyProgress(event: DownloadProgressEvent): void {
    const current = this.state();
    if (!current) return;
    const index = current.active_downloads.findIndex((item) => item.id === event.download_id);
    if (index >= 0) {
      const active = [...current.active_downloads];
      active[index] = withProgress(active[index], event);
      this.state.set({ ...current, active_downloads: active });
      return;
    }
    // Started since the last status: move it from pending to active.
    const pendingItem = current.pending_queue.find((item) => item.id === event.download_id);
    if (pendingItem) {
      this.state.set({
        ...current,
        pending_queue: current.pending_queue.filter((item) => item.id !== event.download_id),
        active_downloads: [...current.active_downloads, withProgress(pendingItem, event)],
      });
    }
  }

  /** Runs an action, records its error, and reloads the queue; null when it failed. */
  private async run<T>(
    action: QueueAction,
    call: Observable<T>,
    reload = true,
  ): Promise<{ value: T | null } | null> {
    this.busy.set(true);
    try {
      const value = await firstValueFrom(call, { defaultValue: null });
      this.error.set(null);
      // Control calls answer with the new status; the others need a fresh read.
      if (isQueueStatus(value)) this.state.set(value);
      else if (reload) await this.load(true);
      return { value };
    } catch (error) {
      this.error.set({ action, error: toApiError(error) });
      return null;
    } finally {
      this.busy.set(false);
    }
  }
}
