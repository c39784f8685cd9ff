import { Injectable, computed, inject, signal } from '@angular/core';
import type { AnimeSummary, QueueAddResponse } from '@aniworld/contracts';
import { firstValueFrom } from 'rxjs';
import { AnimeApiService } from '../core/api/anime-api.service';
import { type ApiError, toApiError } from '../core/api/api-error';
import { QueueApiService } from '../core/api/queue-api.service';

export interface WantedEpisode {
  /** `key:season:episode` */
  id: string;
  key: string;
  name: string;
  season: number;
  episode: number;
}

const PAGE_SIZE = 100;

/** "Wanted": every missing episode of the monitored series, to queue all or a selection. */
@Injectable({ providedIn: 'root' })
export class WantedStore {
  private readonly anime = inject(AnimeApiService);
  private readonly queue = inject(QueueApiService);

  readonly series = signal<AnimeSummary[] | null>(null);
  readonly error = signal<ApiError | null>(null);
  readonly selected = signal<ReadonlySet<string>>(new Set());
  readonly lastQueued = signal<number | null>(null);

  readonly episodes = computed<WantedEpisode[]>(() =>
    (this.series() ?? []).flatMap((s) =>
      Object.entries(s.missing).flatMap(([season, numbers]) =>
        numbers.map((episode) => ({
          id: `${s.key}:${season}:${episode}`,
          key: s.key,
          name: s.name,
          season: Number(season),
          episode,
        })),
      ),
    ),
  );

  async load(): Promise<void> {
    try {
      const all: AnimeSummary[] = [];
      for (let page = 1; ; page++) {
        const res = await firstValueFrom(
          this.anime.list({ missing_only: true, page, page_size: PAGE_SIZE, sort: 'name' }),
        );
        all.push(...res.items.filter((s) => s.monitored));
        if (page * PAGE_SIZE >= res.total) break;
      }
      this.series.set(all);
      this.selected.set(new Set());
      this.error.set(null);
    } catch (error) {
      this.error.set(toApiError(error));
    }
  }

  toggle(id: string): void {
    const next = new Set(this.selected());
    if (next.has(id)) next.delete(id);
    else next.add(id);
    this.selected.set(next);
  }

  /** Queues the selection, or everything when nothing is selected; one request per series. */
  async queueEpisodes(all: boolean): Promise<void> {
    const chosen = this.episodes().filter((e) => all || this.selected().has(e.id));
    const bySeries = new Map<string, WantedEpisode[]>();
    for (const e of chosen) bySeries.set(e.key, [...(bySeries.get(e.key) ?? []), e]);
    let added = 0;
    try {
      for (const [key, list] of bySeries) {
        const res: QueueAddResponse = await firstValueFrom(
          this.queue.add({
            serie_id: key,
            episodes: list.map((e) => ({ season: e.season, episode: e.episode })),
          }),
        );
        added += res.added.length;
      }
      this.lastQueued.set(added);
      this.selected.set(new Set());
    } catch (error) {
      this.error.set(toApiError(error));
    }
  }
}
