import { Injectable, computed, inject, signal } from '@angular/core';
import type {
  AnimeDetail,
  AnimeEpisode,
  LanguageCode,
  QueueAddResponse,
  QueuePriority,
  StrmWriteResponse,
} from '@aniworld/contracts';
import { firstValueFrom } from 'rxjs';
import { type ApiError, toApiError } from '../core/api/api-error';
import { AnimeApiService } from '../core/api/anime-api.service';
import { QueueApiService } from '../core/api/queue-api.service';
import { StrmApiService } from '../core/api/strm-api.service';

export function episodeId(e: { season: number; episode: number }): string {
  return `${e.season}:${e.episode}`;
}

/** One series page: its detail, the episodes the user selected, and queueing them. */
@Injectable()
export class SeriesStore {
  private readonly anime = inject(AnimeApiService);
  private readonly queue = inject(QueueApiService);
  private readonly strm = inject(StrmApiService);

  readonly series = signal<AnimeDetail | null>(null);
  readonly loading = signal(false);
  readonly error = signal<ApiError | null>(null);
  readonly selected = signal<ReadonlySet<string>>(new Set());
  readonly queueing = signal(false);
  readonly queueError = signal<ApiError | null>(null);
  readonly lastQueued = signal<QueueAddResponse | null>(null);
  /** The season being written as `.strm` files (`'all'` for the whole series), or null. */
  readonly strmWriting = signal<number | 'all' | null>(null);
  readonly strmError = signal<ApiError | null>(null);
  readonly lastStrm = signal<StrmWriteResponse | null>(null);

  readonly selectedCount = computed(() => this.selected().size);
  /** Languages offered anywhere in the series, for the language picker. */
  readonly languages = computed(() => {
    const found = new Set<LanguageCode>();
    for (const season of this.series()?.seasons ?? [])
      for (const e of season.episodes) e.languages.forEach((l) => found.add(l));
    return [...found];
  });

  async load(key: string): Promise<void> {
    this.loading.set(true);
    this.selected.set(new Set());
    try {
      this.series.set(await firstValueFrom(this.anime.get(key)));
      this.error.set(null);
    } catch (error) {
      this.series.set(null);
      this.error.set(toApiError(error));
    } finally {
      this.loading.set(false);
    }
  }

  /** Optimistic: the toggle flips at once and flips back when the server refuses. */
  async setMonitored(monitored: boolean): Promise<void> {
    const before = this.series();
    if (!before) return;
    this.series.set({ ...before, monitored });
    try {
      this.series.set(await firstValueFrom(this.anime.update(before.key, { monitored })));
      this.error.set(null);
    } catch (error) {
      this.series.set(before);
      this.error.set(toApiError(error));
    }
  }

  isSelected(e: AnimeEpisode): boolean {
    return this.selected().has(episodeId(e));
  }

  toggle(e: AnimeEpisode): void {
    const next = new Set(this.selected());
    const id = episodeId(e);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    this.selected.set(next);
  }

  /** Selects every episode of a season not on disk and not queued; again clears them. */
  toggleSeason(season: number): void {
    const episodes = (
      this.series()?.seasons.find((s) => s.season === season)?.episodes ?? []
    ).filter((e) => !e.is_downloaded && !e.queued);
    const next = new Set(this.selected());
    const allSelected = episodes.length > 0 && episodes.every((e) => next.has(episodeId(e)));
    for (const e of episodes) {
      if (allSelected) next.delete(episodeId(e));
      else next.add(episodeId(e));
    }
    this.selected.set(next);
  }

  selectMissing(): void {
    const next = new Set<string>();
    for (const season of this.series()?.seasons ?? [])
      for (const e of season.episodes) if (!e.is_downloaded && !e.queued) next.add(episodeId(e));
    this.selected.set(next);
  }

  clearSelection(): void {
    this.selected.set(new Set());
  }

  async queueSelected(priority: QueuePriority, language: LanguageCode | null): Promise<boolean> {
    const series = this.series();
    if (!series || this.selected().size === 0) return false;
    const episodes = [...this.selected()].map((id) => {
      const [season, episode] = id.split(':').map(Number);
      return { season, episode };
    });
    this.queueing.set(true);
    this.queueError.set(null);
    try {
      const response = await firstValueFrom(
        this.queue.add({
          serie_id: series.key,
          serie_folder: series.folder ?? undefined,
          serie_name: series.name,
          episodes,
          priority,
          ...(language ? { language } : {}),
        }),
      );
      this.lastQueued.set(response);
      this.selected.set(new Set());
      await this.load(series.key);
      return true;
    } catch (error) {
      this.queueError.set(toApiError(error));
      return false;
    } finally {
      this.queueing.set(false);
    }
  }

  /** `.strm` files for the series (or one season) into the library instead of downloading. */
  async writeStrm(season: number | null, language: LanguageCode | null): Promise<boolean> {
    const series = this.series();
    if (!series || this.strmWriting() !== null) return false;
    this.strmWriting.set(season ?? 'all');
    this.strmError.set(null);
    try {
      this.lastStrm.set(
        await firstValueFrom(
          this.strm.write(series.key, {
            ...(season === null ? {} : { season }),
            ...(language ? { language } : {}),
          }),
        ),
      );
      return true;
    } catch (error) {
      this.strmError.set(toApiError(error));
      return false;
    } finally {
      this.strmWriting.set(null);
    }
  }
}
