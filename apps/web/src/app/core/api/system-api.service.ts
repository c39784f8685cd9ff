import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { DetailedHealthResponse, LogLevel, RecentLogsResponse } from '@aniworld/contracts';
import { type Observable, catchError, of } from 'rxjs';

/** The System page: `/health/detailed` and the server's recent log lines. */
@Injectable({ providedIn: 'root' })
export class SystemApiService {
  private readonly http = inject(HttpClient);

  /** The detailed health; a 503 (unhealthy) still carries the full body. */
  health(): Observable<DetailedHealthResponse> {
    return this.http.get<DetailedHealthResponse>('/health/detailed').pipe(
      catchError((error: { status?: number; error?: unknown }) => {
        if (error.status === 503 && error.error && typeof error.error === 'object')
          return of(error.error as DetailedHealthResponse);
        throw error;
      }),
    );
  }

  logs(limit = 200, level?: LogLevel): Observable<RecentLogsResponse> {
    const params: Record<string, string> = { limit: String(limit) };
    if (level) params['level'] = level;
    return this.http.get<RecentLogsResponse>('/api/system/logs', { params });
  }
}
