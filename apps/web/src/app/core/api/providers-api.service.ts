import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { ProvidersOverview } from '@aniworld/contracts';
import type { Observable } from 'rxjs';

/** `/api/providers`: sites and hosters with their last outcome. */
@Injectable({ providedIn: 'root' })
export class ProvidersApiService {
  private readonly http = inject(HttpClient);

  overview(): Observable<ProvidersOverview> {
    return this.http.get<ProvidersOverview>('/api/providers');
  }
}
