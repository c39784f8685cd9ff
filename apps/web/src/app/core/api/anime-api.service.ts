import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AnimeAddRequest,
  AnimeDetail,
  AnimeListQuery,
  AnimeSearchRequest,
  AnimeSearchResult,
  AnimeSummary,
  AnimeUpdateRequest,
  IgnoreFolderRequest,
  MatchFolderRequest,
  Page,
  RescanResponse,
  ScanStatus,
  UnmatchedFolder,
} from '@aniworld/contracts';
import type { Observable } from 'rxjs';

/** `/api/anime`: the library, its scans and adding series from the sites. */
@Injectable({ providedIn: 'root' })
export class AnimeApiService {
  private readonly http = inject(HttpClient);

  list(query: AnimeListQuery = {}): Observable<Page<AnimeSummary>> {
    let params = new HttpParams();
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined && value !== null && value !== '') {
        params = params.set(name, String(value));
      }
    }
    return this.http.get<Page<AnimeSummary>>('/api/anime', { params });
  }

  get(key: string): Observable<AnimeDetail> {
    return this.http.get<AnimeDetail>(`/api/anime/${encodeURIComponent(key)}`);
  }

  search(request: AnimeSearchRequest): Observable<AnimeSearchResult[]> {
    return this.http.post<AnimeSearchResult[]>('/api/anime/search', request);
  }

  add(request: AnimeAddRequest): Observable<AnimeDetail> {
    return this.http.post<AnimeDetail>('/api/anime/add', request);
  }

  /** Language preference and monitoring; what is left out stays. */
  update(key: string, update: AnimeUpdateRequest): Observable<AnimeDetail> {
    return this.http.patch<AnimeDetail>(`/api/anime/${encodeURIComponent(key)}`, update);
  }

  remove(key: string, deleteFiles = false): Observable<void> {
    return this.http.delete<void>(`/api/anime/${encodeURIComponent(key)}`, {
      params: { delete_files: String(deleteFiles) },
    });
  }

  rescan(): Observable<RescanResponse> {
    return this.http.post<RescanResponse>('/api/anime/rescan', {});
  }

  scanStatus(): Observable<ScanStatus | null> {
    return this.http.get<ScanStatus | null>('/api/anime/scan');
  }

  cancelScan(): Observable<void> {
    return this.http.post<void>('/api/anime/scan/cancel', {});
  }

  unmatched(): Observable<UnmatchedFolder[]> {
    return this.http.get<UnmatchedFolder[]>('/api/anime/unmatched');
  }

  match(request: MatchFolderRequest): Observable<unknown> {
    return this.http.post<unknown>('/api/anime/unmatched/match', request);
  }

  ignore(request: IgnoreFolderRequest): Observable<void> {
    return this.http.post<void>('/api/anime/unmatched/ignore', request);
  }
}
