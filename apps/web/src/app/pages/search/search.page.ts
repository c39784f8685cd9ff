import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { RouterLink } from '@angular/router';
import { type AnimeSearchResult, SITE_NAMES, type SiteId } from '@aniworld/contracts';
import { ErrorMessageComponent } from '../../common/error-message.component';
import { IconComponent } from '../../common/icon.component';
import { SearchStore } from '../../stores/search.store';

@Component({
  selector: 'aw-search-page',
  imports: [
    FormsModule,
    RouterLink,
    MatButtonModule,
    MatButtonToggleModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressSpinnerModule,
    ErrorMessageComponent,
    IconComponent,
  ],
  providers: [SearchStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './search.page.html',
  styleUrl: './search.page.scss',
})
export class SearchPage {
  readonly store = inject(SearchStore);
  readonly siteNames = SITE_NAMES;
  readonly query = signal('');
  readonly site = signal<SiteId | 'both'>('both');
  readonly brokenCovers = signal<ReadonlySet<string>>(new Set());

  submit(): void {
    const site = this.site();
    void this.store.search(this.query(), site === 'both' ? null : site);
  }

  addLabel(result: AnimeSearchResult): string {
    return $localize`:@@search.addLabel:Add ${result.name}:series: to the library`;
  }

  coverFailed(id: string): void {
    this.brokenCovers.update((set) => new Set(set).add(id));
  }
}
