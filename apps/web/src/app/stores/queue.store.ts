import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import {
  type DownloadProgressEvent,
  type Page,
  QUEUE_LISTS,
  type QueueAddRequest,
  type QueueAddResponse,
  type QueueItem,
  type QueueList,
  type QueueStatusResponse,
} from '@aniworld/contracts';
import { type Observable, firstValueFrom } from 'rxjs';
import { type ApiError, toApiError } from '../core/api/api-error';
import { type QueueControl, QueueApiService } from '../core/api/queue-api.service';
import { SocketService } from '../core/socket/socket.service';
import { queueTotals, stalledReason } from './queue-live';

/** Which action an error belongs to, so the page shows it where the user clicked. */
export type QueueAction = 'load' | 'control' | 'reorder' | 'remove' | 'retry' | 'clear' | 'add';

function isQueueStatus(value: unknown): value is QueueStatusResponse {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as QueueStatusResponse).active_downloads) &&
    typeof (value as QueueStatusResponse).stats === 'object'
  );
}

/** Items per page of each list: the pending list is the one people reorder, so it shows more. */
export const QUEUE_PAGE_SIZE: Record<QueueList, number> = {
  pending: 50,
  completed: 20,
  failed: 20,
};

const emptyPage = (list: QueueList): Page<QueueItem> => ({
  items: [],
  total: 0,
  page: 1,
  page_size: QUEUE_PAGE_SIZE[list],
});

/** The totals that say a list changed (an item added, finished, retried or removed). */
const listKey = (status: QueueStatusResponse | null): string =>
  status
    ? [
        status.stats.pending,
        status.stats.active,
        status.stats.completed,
        status.stats.failed,
        status.stats.total_items,
      ].join()
    : '';

function withProgress(item: QueueItem, event: DownloadProgressEvent): QueueItem {
  return {
    ...item,
    status: 'downloading',
    hoster: event.hoster ?? item.hoster,
    progress: {
      percent: event.percent,
      bytes_done: event.bytes.done,
      bytes_total: event.bytes.total,
      speed_mbps: event.speed_mbps,
      eta_seconds: event.eta_seconds,
    },
  };
}

/**
 * The download queue. The status (state, totals, running downloads) is kept live by the small
 * `queue_status` and `download_progress` socket events; the lists are paged
 * (`GET /api/queue/items`) and only the page on screen is read again, when the totals say that a
 * list changed.
 */
@Injectable({ providedIn: 'root' })
export class QueueStore {
  private readonly api = inject(QueueApiService);
  private readonly socket = inject(SocketService);

  private readonly state = signal<QueueStatusResponse | null>(null);
  private readonly lists = signal<Record<QueueList, Page<QueueItem>>>({
    pending: emptyPage('pending'),
    completed: emptyPage('completed'),
    failed: emptyPage('failed'),
  });
  readonly status = this.state.asReadonly();
  readonly loading = signal(false);
  readonly busy = signal(false);
  readonly error = signal<{ action: QueueAction; error: ApiError } | null>(null);

  readonly active = computed(() => this.state()?.active_downloads ?? []);
  /** Speed, ETA and progress of the running downloads, from their live progress events. */
  readonly totals = computed(() => queueTotals(this.active()));
  /** When each running download last reported progress (or was first seen running). */
  private readonly lastProgress = signal<ReadonlyMap<string, number>>(new Map());
  /** Ticks every second while downloads run, so "stalled" appears without an event. */
  readonly now = signal(Date.now());
  /** The page on screen of each list. */
  readonly pending = computed(() => this.lists().pending.items);
  readonly completed = computed(() => this.lists().completed.items);
  readonly failed = computed(() => this.lists().failed.items);
  readonly isEmpty = computed(
    () =>
      this.active().length +
        this.totalOf('pending') +
        this.totalOf('completed') +
        this.totalOf('failed') ===
      0,
  );

  constructor() {
    this.socket.join('downloads');
    this.socket.join('download_progress');
    const subscriptions = [
      this.socket.on('queue_status').subscribe((status) => this.onStatus(status)),
      this.socket.on('download_progress').subscribe((event) => this.applyProgress(event)),
      // Completion and failure move items between lists: the server's view is the truth.
      this.socket.on('download_complete').subscribe(() => void this.load(true)),
      this.socket.on('download_failed').subscribe(() => void this.load(true)),
    ];
    const tick = setInterval(() => {
      if (this.active().length) this.now.set(Date.now());
    }, 1000);
    inject(DestroyRef).onDestroy(() => {
      clearInterval(tick);
      subscriptions.forEach((s) => s.unsubscribe());
    });
  }

  /** Why a running download looks stuck, or null while data arrives. */
  stalled(item: QueueItem): string | null {
    return stalledReason(item, this.lastProgress().get(item.id), this.now());
  }

  /** The status alone (state, totals, running downloads), for the tab title on every page. */
  async loadStatus(): Promise<void> {
    try {
      this.setStatus(await firstValueFrom(this.api.status()));
    } catch {
      // The queue page shows load errors; the title just stays as it is.
    }
  }

  /** Items in a list altogether (the page on screen holds at most its page size). */
  totalOf(list: QueueList): number {
    return this.lists()[list].total;
  }

  pageOf(list: QueueList): number {
    return this.lists()[list].page;
  }

  pageCount(list: QueueList): number {
    const { total, page_size } = this.lists()[list];
    return Math.max(1, Math.ceil(total / page_size));
  }

  /** Index in the whole list of the `index`-th item on the page on screen. */
  offsetOf(list: QueueList): number {
    const { page, page_size } = this.lists()[list];
    return (page - 1) * page_size;
  }

  /** Shows another page of a list (clamped to the pages there are). */
  async showPage(list: QueueList, page: number): Promise<void> {
    const target = Math.min(Math.max(1, page), this.pageCount(list));
    try {
      await this.readList(list, target);
    } catch (error) {
      this.error.set({ action: 'load', error: toApiError(error) });
    }
  }

  errorFor(action: QueueAction): ApiError | null {
    const current = this.error();
    return current?.action === action ? current.error : null;
  }

  /** Loads the status and the page on screen of each list; `quiet` skips the indicator. */
  async load(quiet = false): Promise<void> {
    if (!quiet) this.loading.set(true);
    try {
      const [status] = await Promise.all([firstValueFrom(this.api.status()), this.readLists()]);
      this.setStatus(status);
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

  /**
   * Moves a pending item at once (drag and drop must feel instant) and undoes it if refused.
   * The indexes are on the page on screen; the server gets the index in the whole list.
   */
  async reorder(fromIndex: number, toIndex: number): Promise<void> {
    const current = this.lists();
    if (fromIndex === toIndex) return;
    const pending = [...current.pending.items];
    const [moved] = pending.splice(fromIndex, 1);
    if (!moved) return;
    pending.splice(toIndex, 0, moved);
    this.lists.set({ ...current, pending: { ...current.pending, items: pending } });
    const result = await this.run(
      'reorder',
      this.api.reorder({ item_id: moved.id, new_position: this.offsetOf('pending') + toIndex }),
      false,
    );
    if (result === null) this.lists.set(current);
  }

  /** A status from the socket; the lists on screen are read again when the totals moved. */
  private onStatus(status: QueueStatusResponse): void {
    const changed = listKey(status) !== listKey(this.state());
    this.setStatus(status);
    if (changed) void this.readLists().catch(() => undefined);
  }

  /** A new status; a download seen running for the first time starts its stall clock now. */
  private setStatus(status: QueueStatusResponse): void {
    this.state.set(status);
    const seen = this.lastProgress();
    const ids = new Set(status.active_downloads.map((i) => i.id));
    if (
      status.active_downloads.every((i) => seen.has(i.id)) &&
      [...seen.keys()].every((id) => ids.has(id))
    )
      return;
    const now = Date.now();
    this.lastProgress.set(
      new Map(status.active_downloads.map((i) => [i.id, seen.get(i.id) ?? now] as const)),
    );
    this.now.set(now);
  }

  private async readLists(): Promise<void> {
    await Promise.all(QUEUE_LISTS.map((list) => this.readList(list, this.lists()[list].page)));
  }

  private async readList(list: QueueList, page: number): Promise<void> {
    const result = await firstValueFrom(
      this.api.items({ list, page, page_size: QUEUE_PAGE_SIZE[list] }),
    );
    // A page emptied by removals: show the last page there is instead.
    if (result.items.length === 0 && result.total > 0 && page > 1) {
      await this.readList(list, Math.ceil(result.total / QUEUE_PAGE_SIZE[list]));
      return;
    }
    this.lists.update((lists) => ({ ...lists, [list]: result }));
  }

  private applyProgress(event: DownloadProgressEvent): void {
    const current = this.state();
    if (!current) return;
    this.lastProgress.update((seen) => new Map(seen).set(event.download_id, Date.now()));
    const index = current.active_downloads.findIndex((item) => item.id === event.download_id);
    if (index >= 0) {
      const active = [...current.active_downloads];
      active[index] = withProgress(active[index], event);
      this.state.set({ ...current, active_downloads: active });
      return;
    }
    // Started since the last status: move it from pending to active.
    const lists = this.lists();
    const pendingItem = lists.pending.items.find((item) => item.id === event.download_id);
    if (pendingItem) {
      this.lists.set({
        ...lists,
        pending: {
          ...lists.pending,
          items: lists.pending.items.filter((item) => item.id !== event.download_id),
        },
      });
      this.state.set({
        ...current,
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
      // Control calls answer with the new status (the lists are read again); the others need a
      // fresh read of everything.
      if (isQueueStatus(value)) {
        this.setStatus(value);
        if (reload) await this.readLists();
      } else if (reload) await this.load(true);
      return { value };
    } catch (error) {
      this.error.set({ action, error: toApiError(error) });
      return null;
    } finally {
      this.busy.set(false);
    }
  }
}
