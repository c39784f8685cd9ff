import { Injectable, inject, signal } from '@angular/core';
import type { AnimeDetail, AnimeSearchResult, SiteId } from '@aniworld/contracts';
import { firstValueFrom } from 'rxjs';
import { type ApiError, toApiError } from '../core/api/api-error';
import { AnimeApiService } from '../core/api/anime-api.service';

function resultId(r: { site: SiteId; key: string }): string {
  return `${r.site}:${r.key}`;
}

/** Searching both sites and adding a result to the library. */
@Injectable()
export class SearchStore {
  private readonly api = inject(AnimeApiService);

  readonly results = signal<AnimeSearchResult[] | null>(null);
  readonly searching = signal(false);
  readonly error = signal<ApiError | null>(null);
  readonly adding = signal<string | null>(null);
  readonly addErrors = signal<Record<string, ApiError>>({});
  readonly added = signal<Record<string, AnimeDetail>>({});

  async search(query: string, site: SiteId | null): Promise<void> {
    const trimmed = query.trim();
    if (!trimmed) return;
    this.searching.set(true);
    this.error.set(null);
    try {
      this.results.set(
        await firstValueFrom(this.api.search({ query: trimmed, ...(site ? { site } : {}) })),
      );
    } catch (error) {
      this.results.set(null);
      this.error.set(toApiError(error));
    } finally {
      this.searching.set(false);
    }
  }

  addedDetail(result: AnimeSearchResult): AnimeDetail | null {
    return this.added()[resultId(result)] ?? null;
  }

  addError(result: AnimeSearchResult): ApiError | null {
    return this.addErrors()[resultId(result)] ?? null;
  }

  async add(result: AnimeSearchResult): Promise<AnimeDetail | null> {
    const id = resultId(result);
    this.adding.set(id);
    this.addErrors.update(({ [id]: _dropped, ...rest }) => rest);
    try {
      const detail = await firstValueFrom(this.api.add({ key: result.key, site: result.site }));
      this.added.update((all) => ({ ...all, [id]: detail }));
      this.results.update(
        (list) => list?.map((r) => (resultId(r) === id ? { ...r, in_library: true } : r)) ?? null,
      );
      return detail;
    } catch (error) {
      this.addErrors.update((all) => ({ ...all, [id]: toApiError(error) }));
      return null;
    } finally {
      this.adding.set(null);
    }
  }
}
