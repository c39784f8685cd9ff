import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorIntl, MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import type { AnimeSortField, AnimeSummary, ScanState, ScanStatus } from '@aniworld/contracts';
import { Subject, debounceTime } from 'rxjs';
import { ErrorMessageComponent } from '../../common/error-message.component';
import { IconComponent } from '../../common/icon.component';
import { LibraryStore } from '../../stores/library.store';
import { MetadataMatchesComponent } from './metadata-matches.component';
import { LibraryPaginatorIntl } from './paginator-intl';
import { UnmatchedFoldersComponent } from './unmatched-folders.component';

export type LibraryView = 'grid' | 'list';
const VIEW_KEY = 'aniworld.library-view';

const SCAN_STATES: Record<ScanState, string> = {
  running: $localize`:@@library.scanState.running:running`,
  completed: $localize`:@@library.scanState.completed:completed`,
  failed: $localize`:@@library.scanState.failed:failed`,
  cancelled: $localize`:@@library.scanState.cancelled:cancelled`,
};

/** The view the user chose last time (posters by default). */
function storedView(): LibraryView {
  try {
    return localStorage.getItem(VIEW_KEY) === 'list' ? 'list' : 'grid';
  } catch {
    return 'grid';
  }
}

@Component({
  selector: 'aw-library-page',
  imports: [
    FormsModule,
    RouterLink,
    MatButtonModule,
    MatButtonToggleModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatProgressSpinnerModule,
    ErrorMessageComponent,
    IconComponent,
    UnmatchedFoldersComponent,
    MetadataMatchesComponent,
  ],
  providers: [{ provide: MatPaginatorIntl, useClass: LibraryPaginatorIntl }],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './library.page.html',
  styleUrl: './library.page.scss',
})
export class LibraryPage {
  readonly store = inject(LibraryStore);
  readonly sortFields: { value: AnimeSortField; label: string }[] = [
    { value: 'name', label: $localize`:@@library.sort.name:Name` },
    { value: 'year', label: $localize`:@@library.sort.year:Year` },
    { value: 'missing', label: $localize`:@@library.sort.missing:Missing episodes` },
    { value: 'updated', label: $localize`:@@library.sort.updated:Recently updated` },
  ];
  readonly brokenCovers = signal<ReadonlySet<string>>(new Set());
  readonly view = signal<LibraryView>(storedView());
  private readonly typed = new Subject<string>();

  constructor() {
    void this.store.load();
    void this.store.loadScan();
    void this.store.loadUnmatched();
    const subscription = this.typed
      .pipe(debounceTime(300))
      .subscribe((q) => void this.store.setQuery({ q }));
    inject(DestroyRef).onDestroy(() => subscription.unsubscribe());
  }

  onSearch(q: string): void {
    this.typed.next(q);
  }

  onPage(event: PageEvent): void {
    void this.store.setQuery({ page: event.pageIndex + 1, page_size: event.pageSize });
  }

  /** "Last scan completed: 3 series matched, 1 unmatched." */
  scanSummary(scan: ScanStatus): string {
    const state = SCAN_STATES[scan.state];
    const matched =
      scan.series_matched === 1
        ? $localize`:@@library.scanMatchedOne:1 series matched`
        : $localize`:@@library.scanMatched:${scan.series_matched}:count: series matched`;
    const unmatched =
      scan.unmatched === 1
        ? $localize`:@@library.scanUnmatchedOne:1 unmatched`
        : $localize`:@@library.scanUnmatched:${scan.unmatched}:count: unmatched`;
    return $localize`:@@library.lastScan:Last scan ${state}:state:: ${matched}:matched:, ${unmatched}:unmatched:.`;
  }

  /** What a screen reader says for a series' card: its name, year and what is missing. */
  cardLabel(series: AnimeSummary): string {
    const name = series.year ? `${series.name} (${series.year})` : series.name;
    const missing = series.missing_episodes;
    if (missing === 0) return $localize`:@@library.cardComplete:${name}:name:, complete`;
    return missing === 1
      ? $localize`:@@library.cardMissingOne:${name}:name:, 1 missing`
      : $localize`:@@library.cardMissing:${name}:name:, ${missing}:count: missing`;
  }

  /** The stored TMDB poster (a signed URL the server hands out), else the site's cover. */
  cover(series: AnimeSummary): string | null {
    if (this.brokenCovers().has(series.key)) return null;
    return series.poster_small_url ?? series.cover_url;
  }

  coverFailed(key: string): void {
    this.brokenCovers.update((set) => new Set(set).add(key));
  }

  setView(view: LibraryView): void {
    this.view.set(view);
    try {
      localStorage.setItem(VIEW_KEY, view);
    } catch {
      // remembered until reload
    }
  }
}
