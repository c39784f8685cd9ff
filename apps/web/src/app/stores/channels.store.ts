import { Injectable, inject, signal } from '@angular/core';
import type {
  ChannelTestResult,
  FieldError,
  NotificationChannel,
  NotificationChannelCreate,
} from '@aniworld/contracts';
import { firstValueFrom } from 'rxjs';
import { ChannelsApiService } from '../core/api/channels-api.service';
import { type ApiError, fieldErrors, toApiError } from '../core/api/api-error';

/** Outbound notification channels: list, add, enable/disable, delete and "Test". */
@Injectable({ providedIn: 'root' })
export class ChannelsStore {
  private readonly api = inject(ChannelsApiService);

  readonly channels = signal<NotificationChannel[] | null>(null);
  readonly error = signal<ApiError | null>(null);
  readonly fieldErrors = signal<FieldError[]>([]);
  readonly tests = signal<Record<string, ChannelTestResult>>({});

  async load(): Promise<void> {
    try {
      this.channels.set(await firstValueFrom(this.api.list()));
      this.error.set(null);
    } catch (error) {
      this.error.set(toApiError(error));
    }
  }

  async create(channel: NotificationChannelCreate): Promise<boolean> {
    try {
      const created = await firstValueFrom(this.api.create(channel));
      this.channels.update((list) => [...(list ?? []), created]);
      this.fieldErrors.set([]);
      this.error.set(null);
      return true;
    } catch (error) {
      const apiError = toApiError(error);
      this.fieldErrors.set(fieldErrors(apiError));
      this.error.set(apiError);
      return false;
    }
  }

  async setEnabled(id: string, enabled: boolean): Promise<void> {
    await this.replace(id, () => firstValueFrom(this.api.update(id, { enabled })));
  }

  async remove(id: string): Promise<void> {
    try {
      await firstValueFrom(this.api.remove(id), { defaultValue: undefined });
      this.channels.update((list) => list?.filter((c) => c.id !== id) ?? null);
    } catch (error) {
      this.error.set(toApiError(error));
    }
  }

  /** Sends a test message; the result is shown next to the channel, which is reloaded. */
  async test(id: string): Promise<void> {
    try {
      const result = await firstValueFrom(this.api.test(id));
      this.tests.update((t) => ({ ...t, [id]: result }));
      await this.load();
    } catch (error) {
      this.error.set(toApiError(error));
    }
  }

  private async replace(id: string, call: () => Promise<NotificationChannel>): Promise<void> {
    try {
      const next = await call();
      this.channels.update((list) => list?.map((c) => (c.id === id ? next : c)) ?? null);
    } catch (error) {
      this.error.set(toApiError(error));
    }
  }
}
