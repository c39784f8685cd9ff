import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  ConfigBackup,
  ConfigResponse,
  ConfigUpdate,
  ConfigUpdateResponse,
  ConfigValidationResponse,
} from '@aniworld/contracts';
import type { Observable } from 'rxjs';

/** `/api/config`: the settings, their validation and backups. */
@Injectable({ providedIn: 'root' })
export class ConfigApiService {
  private readonly http = inject(HttpClient);

  get(): Observable<ConfigResponse> {
    return this.http.get<ConfigResponse>('/api/config');
  }

  update(update: ConfigUpdate): Observable<ConfigUpdateResponse> {
    return this.http.put<ConfigUpdateResponse>('/api/config', update);
  }

  validate(update: ConfigUpdate): Observable<ConfigValidationResponse> {
    return this.http.post<ConfigValidationResponse>('/api/config/validate', update);
  }

  backups(): Observable<ConfigBackup[]> {
    return this.http.get<ConfigBackup[]>('/api/config/backups');
  }

  restore(name: string): Observable<ConfigUpdateResponse> {
    return this.http.post<ConfigUpdateResponse>(
      `/api/config/backups/${encodeURIComponent(name)}/restore`,
      {},
    );
  }
}
