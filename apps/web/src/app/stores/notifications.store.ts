import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import type { AppNotification } from '@aniworld/contracts';
import { firstValueFrom } from 'rxjs';
import { type ApiError, toApiError } from '../core/api/api-error';
import { NotificationsApiService } from '../core/api/notifications-api.service';
import { SocketService } from '../core/socket/socket.service';

/** Stored notifications, with new ones arriving over the socket. */
@Injectable({ providedIn: 'root' })
export class NotificationsStore {
  private readonly api = inject(NotificationsApiService);
  private readonly socket = inject(SocketService);

  readonly items = signal<AppNotification[] | null>(null);
  readonly loading = signal(false);
  readonly error = signal<ApiError | null>(null);
  readonly markError = signal<{ id: string; error: ApiError } | null>(null);
  private readonly serverUnread = signal(0);

  /** Unread count: the server's until the list is loaded, then counted locally. */
  readonly unread = computed(() => {
    const items = this.items();
    return items ? items.filter((n) => !n.read).length : this.serverUnread();
  });

  constructor() {
    const subscription = this.socket.on('notification').subscribe((notification) => {
      const items = this.items();
      if (items) {
        if (!items.some((n) => n.id === notification.id)) this.items.set([notification, ...items]);
      } else if (!notification.read) {
        this.serverUnread.update((n) => n + 1);
      }
    });
    inject(DestroyRef).onDestroy(() => subscription.unsubscribe());
  }

  async load(): Promise<void> {
    this.loading.set(true);
    try {
      const response = await firstValueFrom(this.api.list());
      this.items.set(response.items);
      this.serverUnread.set(response.unread);
      this.error.set(null);
    } catch (error) {
      this.error.set(toApiError(error));
    } finally {
      this.loading.set(false);
    }
  }

  async markRead(id: string): Promise<void> {
    this.markError.set(null);
    try {
      await firstValueFrom(this.api.markRead(id), { defaultValue: undefined });
      this.items.update(
        (items) => items?.map((n) => (n.id === id ? { ...n, read: true } : n)) ?? null,
      );
    } catch (error) {
      this.markError.set({ id, error: toApiError(error) });
    }
  }

  async markAllRead(): Promise<void> {
    this.markError.set(null);
    try {
      await firstValueFrom(this.api.markAllRead(), { defaultValue: undefined });
      this.items.update((items) => items?.map((n) => ({ ...n, read: true })) ?? null);
      this.serverUnread.set(0);
    } catch (error) {
      this.markError.set({ id: '*', error: toApiError(error) });
    }
  }
}
