import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import type { AnimeSortField } from '@aniworld/contracts';
import { Subject, debounceTime } from 'rxjs';
import { ErrorMessageComponent } from '../../common/error-message.component';
import { IconComponent } from '../../common/icon.component';
import { LibraryStore } from '../../stores/library.store';
import { UnmatchedFoldersComponent } from './unmatched-folders.component';

@Component({
  selector: 'aw-library-page',
  imports: [
    FormsModule,
    RouterLink,
    MatButtonModule,
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

  coverFailed(key: string): void {
    this.brokenCovers.update((set) => new Set(set).add(key));
  }
}
