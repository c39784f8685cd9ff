import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import type {
  AnimeDetail,
  AnimeEpisode,
  EpisodeRef,
  LanguageCode,
  QueueAddResponse,
  QueuePriority,
  StrmWriteResponse,
} from '@aniworld/contracts';
import { firstValueFrom } from 'rxjs';
import { type ApiError, toApiError } from '../core/api/api-error';
import { AnimeApiService } from '../core/api/anime-api.service';
import { QueueApiService } from '../core/api/queue-api.service';
import { SocketService } from '../core/socket/socket.service';
import { absent, type EpisodeView, episodeView, seasonProgress } from './episode-view';
import { StrmApiService } from '../core/api/strm-api.service';

export function episodeId(e: { season: number; episode: number }): string {
  return `${e.season}:${e.episode}`;
}

/**
 * One series page: its detail, the episodes the user selected, and queueing them. The episodes'
 * states follow the socket (queued → downloading n % → on disk or failed) without a reload.
 */
@Injectable()
export class SeriesStore {
  private readonly anime = inject(AnimeApiService);
  private readonly queue = inject(QueueApiService);
  private readonly socket = inject(SocketService);
  /** Live percent of this series' running downloads, by episode id (`season:episode`). */
  readonly progress = signal<ReadonlyMap<string, number | null>>(new Map());
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

  /** Every episode of the series, in order. */
  readonly episodes = computed(() => this.series()?.seasons.flatMap((s) => s.episodes) ?? []);
  readonly selectedCount = computed(() => this.selected().size);
  /** Languages offered anywhere in the series. */
  readonly languages = computed(() => {
    const found = new Set<LanguageCode>();
    for (const season of this.series()?.seasons ?? [])
      for (const e of season.episodes) e.languages.forEach((l) => found.add(l));
    return [...found];
  });
  /**
   * The languages the picker offers: those every selected episode has (episodes whose languages
   * are not known yet do not narrow it), so a language an episode lacks cannot be chosen.
   */
  readonly selectableLanguages = computed(() => {
    const chosen = this.episodes().filter((e) => this.selected().has(episodeId(e)));
    let offered = this.languages();
    for (const e of chosen)
      if (e.languages.length) offered = offered.filter((l) => e.languages.includes(l));
    return offered;
  });
  /** Downloaded episodes a more preferred language is now offered for. */
  readonly upgradable = computed(() => this.episodes().filter((e) => e.upgrade_language !== null));

  constructor() {
    this.socket.join('downloads');
    this.socket.join('download_progress');
    const mine = (e: { key: string }) => e.key === this.series()?.key;
    const subscriptions = [
      this.socket.on('download_progress').subscribe((e) => {
        if (mine(e)) this.progress.update((p) => new Map(p).set(episodeId(e), e.percent));
      }),
      this.socket.on('download_complete').subscribe((e) => {
        if (!mine(e)) return;
        this.patchEpisode(e, {
          is_downloaded: true,
          file_path: e.file_path,
          // The file replaces a .strm of the episode.
          strm_path: null,
          queued: false,
          queue_status: null,
          downloaded_language: e.language,
          fallback: e.fallback_from !== null,
          upgrade_language: null,
        });
        void this.refresh();
      }),
      this.socket.on('download_failed').subscribe((e) => {
        if (!mine(e)) return;
        this.patchEpisode(e, {
          queued: e.will_retry,
          queue_status: e.will_retry ? 'pending' : 'failed',
        });
        void this.refresh();
      }),
    ];
    inject(DestroyRef).onDestroy(() => subscriptions.forEach((s) => s.unsubscribe()));
  }

  /** What an episode's row says now: its stored state with the live progress on top. */
  view(e: AnimeEpisode): EpisodeView {
    return episodeView(e, this.progress());
  }

  season(season: number): ReturnType<typeof seasonProgress> {
    const episodes = this.series()?.seasons.find((s) => s.season === season)?.episodes ?? [];
    return seasonProgress(episodes, this.progress());
  }

  async load(key: string): Promise<void> {
    this.loading.set(true);
    this.selected.set(new Set());
    this.progress.set(new Map());
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

  /**
   * Selects every episode of a season neither on disk, nor streamed from a `.strm`, nor queued;
   * again clears them. A streamed one can still be picked by itself (its download replaces the
   * `.strm`).
   */
  toggleSeason(season: number): void {
    const episodes = (
      this.series()?.seasons.find((s) => s.season === season)?.episodes ?? []
    ).filter(absent);
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
      for (const e of season.episodes) if (absent(e)) next.add(episodeId(e));
    this.selected.set(next);
  }

  clearSelection(): void {
    this.selected.set(new Set());
  }

  async queueSelected(priority: QueuePriority, language: LanguageCode | null): Promise<boolean> {
    const episodes = [...this.selected()].map((id) => {
      const [season, episode] = id.split(':').map(Number);
      return { season, episode };
    });
    if (episodes.length === 0) return false;
    return this.send(episodes, { priority, ...(language ? { language } : {}) });
  }

  /** Queues the download of a better language for these episodes (all upgradable ones if none). */
  upgrade(episodes: EpisodeRef[] = this.upgradable()): Promise<boolean> {
    return this.send(
      episodes.map((e) => ({ season: e.season, episode: e.episode })),
      { upgrade: true },
    );
  }

  /** The stored detail again (counts, queue states) without the loading indicator. */
  async refresh(): Promise<void> {
    const key = this.series()?.key;
    if (!key) return;
    try {
      this.series.set(await firstValueFrom(this.anime.get(key)));
    } catch {
      // The live state stays; the next event or visit reads it again.
    }
  }

  private patchEpisode(ref: EpisodeRef, change: Partial<AnimeEpisode>): void {
    const series = this.series();
    if (!series) return;
    const id = episodeId(ref);
    this.progress.update((p) => {
      const next = new Map(p);
      next.delete(id);
      return next;
    });
    this.series.set({
      ...series,
      seasons: series.seasons.map((s) => ({
        ...s,
        episodes: s.episodes.map((e) => (episodeId(e) === id ? { ...e, ...change } : e)),
      })),
    });
  }

  private async send(
    episodes: EpisodeRef[],
    options: { priority?: QueuePriority; language?: LanguageCode; upgrade?: boolean },
  ): Promise<boolean> {
    const series = this.series();
    if (!series) return false;
    this.queueing.set(true);
    this.queueError.set(null);
    try {
      const response = await firstValueFrom(
        this.queue.add({
          serie_id: series.key,
          serie_folder: series.folder ?? undefined,
          serie_name: series.name,
          episodes,
          ...options,
        }),
      );
      this.lastQueued.set(response);
      this.selected.set(new Set());
      await this.refresh();
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
