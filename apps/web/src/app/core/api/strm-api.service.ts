import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { StrmWriteRequest, StrmWriteResponse } from '@aniworld/contracts';
import type { Observable } from 'rxjs';

/** `/api/strm`: `.strm` files into the library instead of downloads. */
@Injectable({ providedIn: 'root' })
export class StrmApiService {
  private readonly http = inject(HttpClient);

  write(key: string, request: StrmWriteRequest): Observable<StrmWriteResponse> {
    return this.http.post<StrmWriteResponse>(
      `/api/strm/series/${encodeURIComponent(key)}`,
      request,
    );
  }
}
