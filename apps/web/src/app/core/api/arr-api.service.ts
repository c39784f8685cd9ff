import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { ArrCredentials, ArrRegenerateRequest, ArrSecret } from '@aniworld/contracts';
import type { Observable } from 'rxjs';

/** `/api/arr`: what Sonarr, Radarr and Prowlarr need (the only place secrets come in clear). */
@Injectable({ providedIn: 'root' })
export class ArrApiService {
  private readonly http = inject(HttpClient);

  credentials(): Observable<ArrCredentials> {
    return this.http.get<ArrCredentials>('/api/arr/credentials');
  }

  regenerate(secret: ArrSecret): Observable<ArrCredentials> {
    return this.http.post<ArrCredentials>('/api/arr/credentials/regenerate', {
      secret,
    } satisfies ArrRegenerateRequest);
  }
}
