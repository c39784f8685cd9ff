import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  MetadataRefreshResponse,
  MetadataStatus,
  SeriesMetadata,
  SetTmdbIdRequest,
  SetTmdbKeyRequest,
} from '@aniworld/contracts';
import type { Observable } from 'rxjs';

/** `/api/metadata` and a series' `/metadata`: TMDB key, matches to confirm, NFO refresh. */
@Injectable({ providedIn: 'root' })
export class MetadataApiService {
  private readonly http = inject(HttpClient);

  status(): Observable<MetadataStatus> {
    return this.http.get<MetadataStatus>('/api/metadata/status');
  }

  /** null removes the key. */
  setKey(apiKey: string | null): Observable<MetadataStatus> {
    return this.http.put<MetadataStatus>('/api/metadata/tmdb-key', {
      api_key: apiKey,
    } satisfies SetTmdbKeyRequest);
  }

  /** Series whose TMDB match waits for the user. */
  matches(): Observable<SeriesMetadata[]> {
    return this.http.get<SeriesMetadata[]>('/api/metadata/matches');
  }

  forSeries(key: string): Observable<SeriesMetadata> {
    return this.http.get<SeriesMetadata>(`/api/anime/${encodeURIComponent(key)}/metadata`);
  }

  setTmdbId(key: string, tmdbId: number): Observable<SeriesMetadata> {
    return this.http.put<SeriesMetadata>(`/api/anime/${encodeURIComponent(key)}/metadata`, {
      tmdb_id: tmdbId,
    } satisfies SetTmdbIdRequest);
  }

  refresh(key: string): Observable<MetadataRefreshResponse> {
    return this.http.post<MetadataRefreshResponse>(
      `/api/anime/${encodeURIComponent(key)}/metadata/refresh`,
      {},
    );
  }
}
