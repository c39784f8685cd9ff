import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { CalendarResponse } from '@aniworld/contracts';
import type { Observable } from 'rxjs';

/** `/api/calendar`: released and announced episodes of library series, by day. */
@Injectable({ providedIn: 'root' })
export class CalendarApiService {
  private readonly http = inject(HttpClient);

  /** From `from` to `to` (`YYYY-MM-DD`, both included). */
  between(from: string, to: string): Observable<CalendarResponse> {
    return this.http.get<CalendarResponse>('/api/calendar', { params: { from, to } });
  }
}
