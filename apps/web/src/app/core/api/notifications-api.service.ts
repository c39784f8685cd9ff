import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { NotificationListResponse } from '@aniworld/contracts';
import type { Observable } from 'rxjs';

/** `/api/notifications`: stored notifications. */
@Injectable({ providedIn: 'root' })
export class NotificationsApiService {
  private readonly http = inject(HttpClient);

  list(): Observable<NotificationListResponse> {
    return this.http.get<NotificationListResponse>('/api/notifications');
  }

  markRead(id: string): Observable<unknown> {
    return this.http.post<unknown>(`/api/notifications/${encodeURIComponent(id)}/read`, {});
  }

  markAllRead(): Observable<void> {
    return this.http.post<void>('/api/notifications/read-all', {});
  }
}
