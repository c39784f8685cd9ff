import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  Page,
  QueueAddRequest,
  QueueAddResponse,
  QueueClearResponse,
  QueueItem,
  QueueItemIdsRequest,
  QueueItemsQuery,
  QueueReorderRequest,
  QueueRetryRequest,
  QueueStatusResponse,
} from '@aniworld/contracts';
import type { Observable } from 'rxjs';

export type QueueControl = 'start' | 'stop' | 'pause' | 'resume';

/** `/api/queue`: the download queue and its workers. */
@Injectable({ providedIn: 'root' })
export class QueueApiService {
  private readonly http = inject(HttpClient);

  status(): Observable<QueueStatusResponse> {
    return this.http.get<QueueStatusResponse>('/api/queue/status');
  }

  /** One page of the pending, completed or failed items. */
  items(query: QueueItemsQuery): Observable<Page<QueueItem>> {
    const params: Record<string, string> = { list: query.list };
    if (query.page !== undefined) params['page'] = String(query.page);
    if (query.page_size !== undefined) params['page_size'] = String(query.page_size);
    return this.http.get<Page<QueueItem>>('/api/queue/items', { params });
  }

  add(request: QueueAddRequest): Observable<QueueAddResponse> {
    return this.http.post<QueueAddResponse>('/api/queue/add', request);
  }

  remove(id: string): Observable<void> {
    return this.http.delete<void>(`/api/queue/${encodeURIComponent(id)}`);
  }

  removeMany(itemIds: string[]): Observable<void> {
    const body: QueueItemIdsRequest = { item_ids: itemIds };
    return this.http.delete<void>('/api/queue', { body });
  }

  /** Answers with the queue's status after the change. */
  control(action: QueueControl): Observable<QueueStatusResponse> {
    return this.http.post<QueueStatusResponse>(`/api/queue/${action}`, {});
  }

  reorder(request: QueueReorderRequest): Observable<QueueStatusResponse> {
    return this.http.post<QueueStatusResponse>('/api/queue/reorder', request);
  }

  /**
   * An empty list retries every failed item. Items that used all their retries go back only
   * with `resetAttempts` (the server answers 409 for named ones, skips them otherwise).
   */
  retry(itemIds: string[], resetAttempts = false): Observable<QueueStatusResponse> {
    const body: QueueRetryRequest = {
      item_ids: itemIds,
      ...(resetAttempts ? { reset_attempts: true } : {}),
    };
    return this.http.post<QueueStatusResponse>('/api/queue/retry', body);
  }

  /** Says how many completed items were removed. */
  clearCompleted(): Observable<QueueClearResponse> {
    return this.http.delete<QueueClearResponse>('/api/queue/completed');
  }
}
