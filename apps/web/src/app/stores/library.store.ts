import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import type {
  AnimeListQuery,
  AnimeSearchResult,
  AnimeSummary,
  MatchFolderRequest,
  Page,
  ScanProgressEvent,
  ScanStatus,
  UnmatchedFolder,
} from '@aniworld/contracts';
import { firstValueFrom } from 'rxjs';
import { type ApiError, toApiError } from '../core/api/api-error';
import { AnimeApiService } from '../core/api/anime-api.service';
import { SocketService } from '../core/socket/socket.service';

export const DEFAULT_LIBRARY_QUERY: AnimeListQuery = {
  page: 1,
  page_size: 24,
  q: '',
  missing_only: false,
  sort: 'name',
  order: 'asc',
};

/** How often a running scan's status is read, besides its socket events. */
const SCAN_WATCH_MS = 3_000;

/** Live progress of a scan as the socket reports it. */
export interface ScanProgress {
  scanId: string;
  percent: number;
  foldersDone: number;
  foldersTotal: number;
  currentFolder: string | null;
}

/** The library list with its query, the scan in progress and the unmatched folders. */
@Injectable({ providedIn: 'root' })
export class LibraryStore {
  private readonly api = inject(AnimeApiService);
  private readonly socket = inject(SocketService);

  readonly query = signal<AnimeListQuery>({ ...DEFAULT_LIBRARY_QUERY });
  readonly page = signal<Page<AnimeSummary> | null>(null);
  readonly loading = signal(false);
  readonly error = signal<ApiError | null>(null);

  readonly scan = signal<ScanStatus | null>(null);
  readonly scanProgress = signal<ScanProgress | null>(null);
  readonly scanError = signal<ApiError | null>(null);

  readonly unmatched = signal<UnmatchedFolder[] | null>(null);
  readonly unmatchedError = signal<ApiError | null>(null);
  readonly matchError = signal<{ folder: string; error: ApiError } | null>(null);
  private watchTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    this.socket.join('scan_progress');
    const subscriptions = [
      this.socket.on('scan_progress').subscribe((event) => this.onProgress(event)),
      this.socket.on('scan_complete').subscribe(() => void this.afterScan()),
      this.socket.on('scan_failed').subscribe((event) => {
        this.scanProgress.set(null);
        this.scanError.set({ statusCode: 0, code: 'INTERNAL_ERROR', message: event.error });
        void this.loadScan();
      }),
    ];
    inject(DestroyRef).onDestroy(() => {
      clearTimeout(this.watchTimer);
      subscriptions.forEach((s) => s.unsubscribe());
    });
  }

  /** Merges a change into the query (a filter change goes back to page 1) and reloads. */
  async setQuery(change: Partial<AnimeListQuery>): Promise<void> {
    const resetsPage = Object.keys(change).some((k) => k !== 'page');
    this.query.update((q) => ({ ...q, ...change, ...(resetsPage ? { page: 1 } : {}) }));
    await this.load();
  }

  async load(): Promise<void> {
    this.loading.set(true);
    try {
      this.page.set(await firstValueFrom(this.api.list(this.query())));
      this.error.set(null);
    } catch (error) {
      this.error.set(toApiError(error));
    } finally {
      this.loading.set(false);
    }
  }

  /** Optimistic monitor toggle in the list; rolled back when the server refuses. */
  async setMonitored(key: string, monitored: boolean): Promise<void> {
    const flip = (value: boolean) =>
      this.page.update((p) =>
        p
          ? { ...p, items: p.items.map((s) => (s.key === key ? { ...s, monitored: value } : s)) }
          : p,
      );
    flip(monitored);
    try {
      await firstValueFrom(this.api.update(key, { monitored }));
    } catch (error) {
      flip(!monitored);
      this.error.set(toApiError(error));
    }
  }

  async loadScan(): Promise<void> {
    try {
      const scan = await firstValueFrom(this.api.scanStatus());
      this.scan.set(scan);
      if (scan?.state !== 'running') this.scanProgress.set(null);
    } catch (error) {
      this.scanError.set(toApiError(error));
    }
  }

  async rescan(): Promise<void> {
    this.scanError.set(null);
    try {
      const { scan_id } = await firstValueFrom(this.api.rescan());
      this.scanProgress.set({
        scanId: scan_id,
        percent: 0,
        foldersDone: 0,
        foldersTotal: 0,
        currentFolder: null,
      });
      this.watch(scan_id);
    } catch (error) {
      this.scanError.set(toApiError(error));
    }
  }

  /**
   * Asks now and then whether the scan ended, in case its end went by before the socket was
   * connected (the scan right after the setup starts while the socket is still connecting).
   */
  private watch(scanId: string): void {
    const check = async () => {
      if (this.scanProgress()?.scanId !== scanId) return;
      const scan = await firstValueFrom(this.api.scanStatus()).catch(() => null);
      if (scan?.scan_id === scanId && scan.state !== 'running') {
        if (this.scanProgress()?.scanId === scanId) await this.afterScan();
        return;
      }
      this.watchTimer = setTimeout(() => void check(), SCAN_WATCH_MS);
    };
    clearTimeout(this.watchTimer);
    this.watchTimer = setTimeout(() => void check(), SCAN_WATCH_MS);
  }

  async cancelScan(): Promise<void> {
    try {
      await firstValueFrom(this.api.cancelScan(), { defaultValue: undefined });
      await this.loadScan();
    } catch (error) {
      this.scanError.set(toApiError(error));
    }
  }

  async loadUnmatched(): Promise<void> {
    try {
      this.unmatched.set(await firstValueFrom(this.api.unmatched()));
      this.unmatchedError.set(null);
    } catch (error) {
      this.unmatchedError.set(toApiError(error));
    }
  }

  async match(request: MatchFolderRequest): Promise<boolean> {
    this.matchError.set(null);
    try {
      await firstValueFrom(this.api.match(request), { defaultValue: undefined });
      this.unmatched.update((list) => list?.filter((f) => f.folder !== request.folder) ?? null);
      // The summary counts the folder as matched now.
      await Promise.all([this.load(), this.loadScan()]);
      return true;
    } catch (error) {
      this.matchError.set({ folder: request.folder, error: toApiError(error) });
      return false;
    }
  }

  /** Scans leave the folder alone from now on; it disappears from the list and the summary. */
  async ignore(folder: string): Promise<boolean> {
    this.matchError.set(null);
    try {
      await firstValueFrom(this.api.ignore({ folder }), { defaultValue: undefined });
      this.unmatched.update((list) => list?.filter((f) => f.folder !== folder) ?? null);
      await this.loadScan();
      return true;
    } catch (error) {
      this.matchError.set({ folder, error: toApiError(error) });
      return false;
    }
  }

  /** Series on the sites for one unmatched folder, when its candidates are not the right ones. */
  async search(query: string): Promise<AnimeSearchResult[]> {
    return firstValueFrom(this.api.search({ query }));
  }

  private onProgress(event: ScanProgressEvent): void {
    this.scanProgress.set({
      scanId: event.scan_id,
      percent: event.percent,
      foldersDone: event.folders_done,
      foldersTotal: event.folders_total,
      currentFolder: event.current_folder,
    });
  }

  private async afterScan(): Promise<void> {
    this.scanProgress.set(null);
    await Promise.all([this.loadScan(), this.load(), this.loadUnmatched()]);
  }
}
