import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  ChannelTestResult,
  NotificationChannel,
  NotificationChannelCreate,
  NotificationChannelUpdate,
} from '@aniworld/contracts';
import type { Observable } from 'rxjs';

/** `/api/notifications/channels`: outbound notification channels. */
@Injectable({ providedIn: 'root' })
export class ChannelsApiService {
  private readonly http = inject(HttpClient);

  list(): Observable<NotificationChannel[]> {
    return this.http.get<NotificationChannel[]>('/api/notifications/channels');
  }

  create(channel: NotificationChannelCreate): Observable<NotificationChannel> {
    return this.http.post<NotificationChannel>('/api/notifications/channels', channel);
  }

  update(id: string, update: NotificationChannelUpdate): Observable<NotificationChannel> {
    return this.http.put<NotificationChannel>(
      `/api/notifications/channels/${encodeURIComponent(id)}`,
      update,
    );
  }

  remove(id: string): Observable<void> {
    return this.http.delete<void>(`/api/notifications/channels/${encodeURIComponent(id)}`);
  }

  test(id: string): Observable<ChannelTestResult> {
    return this.http.post<ChannelTestResult>(
      `/api/notifications/channels/${encodeURIComponent(id)}/test`,
      {},
    );
  }
}
