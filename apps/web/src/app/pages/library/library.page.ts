import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import type { AnimeSortField, AnimeSummary } from '@aniworld/contracts';
import { Subject, debounceTime } from 'rxjs';
import { ErrorMessageComponent } from '../../common/error-message.component';
import { IconComponent } from '../../common/icon.component';
import { LibraryStore } from '../../stores/library.store';
import { MetadataMatchesComponent } from './metadata-matches.component';
import { UnmatchedFoldersComponent } from './unmatched-folders.component';

export type LibraryView = 'grid' | 'list';
const VIEW_KEY = 'aniworld.library-view';

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
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './library.page.html',
  styleUrl: './library.page.scss',
})
export class LibraryPage {
  readonly store = inject(LibraryStore);
  readonly sortFields: { value: AnimeSortField; label: string }[] = [
    { value: 'name', label: 'Name' },
    { value: 'year', label: 'Year' },
    { value: 'missing', label: 'Missing episodes' },
    { value: 'updated', label: 'Recently updated' },
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
