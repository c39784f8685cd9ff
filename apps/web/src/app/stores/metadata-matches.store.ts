import { Injectable, inject, signal } from '@angular/core';
import type { SeriesMetadata } from '@aniworld/contracts';
import { firstValueFrom } from 'rxjs';
import { type ApiError, toApiError } from '../core/api/api-error';
import { MetadataApiService } from '../core/api/metadata-api.service';

/** Series whose TMDB match is uncertain, and the user's choice for each (library page). */
@Injectable({ providedIn: 'root' })
export class MetadataMatchesStore {
  private readonly api = inject(MetadataApiService);

  readonly matches = signal<SeriesMetadata[] | null>(null);
  readonly error = signal<ApiError | null>(null);
  readonly confirmError = signal<{ key: string; error: ApiError } | null>(null);
  readonly confirming = signal<string | null>(null);

  async load(): Promise<void> {
    try {
      this.matches.set(await firstValueFrom(this.api.matches()));
      this.error.set(null);
    } catch (error) {
      this.error.set(toApiError(error));
    }
  }

  /** Confirms a candidate (or an id typed in); the series leaves the list when the server agrees. */
  async confirm(key: string, tmdbId: number): Promise<boolean> {
    this.confirming.set(key);
    this.confirmError.set(null);
    try {
      await firstValueFrom(this.api.setTmdbId(key, tmdbId));
      this.matches.update((list) => (list ?? []).filter((m) => m.key !== key));
      return true;
    } catch (error) {
      this.confirmError.set({ key, error: toApiError(error) });
      return false;
    } finally {
      this.confirming.set(null);
    }
  }
}
