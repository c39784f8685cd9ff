import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { SITE_NAMES, type SiteId, type UnmatchedFolder } from '@aniworld/contracts';
import { type ApiError, toApiError } from '../../core/api/api-error';
import { ErrorMessageComponent } from '../../common/error-message.component';
import { LibraryStore } from '../../stores/library.store';

/** A series one folder might be: from the scan's candidates or from a search. */
interface Choice {
  site: SiteId;
  key: string;
  name: string;
  year: number | null;
  url: string | null;
  cover_url: string | null;
  /** 0..1 for the scan's candidates; null for search results. */
  confidence: number | null;
}

/** Folders the scan could not match: candidates with cover, year and link, a search, ignore. */
@Component({
  selector: 'aw-unmatched-folders',
  imports: [
    FormsModule,
    NgTemplateOutlet,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    ErrorMessageComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './unmatched-folders.component.html',
  styleUrl: './unmatched-folders.component.scss',
})
export class UnmatchedFoldersComponent {
  readonly store = inject(LibraryStore);
  /** Search results per folder, and what each folder's search box holds. */
  readonly results = signal<Record<string, Choice[]>>({});
  readonly queries = signal<Record<string, string>>({});
  readonly searching = signal<string | null>(null);
  readonly searchError = signal<{ folder: string; error: ApiError } | null>(null);
  readonly brokenCovers = signal<ReadonlySet<string>>(new Set());

  candidates(folder: UnmatchedFolder): Choice[] {
    return folder.candidates.map((c) => ({
      site: c.site,
      key: c.key,
      name: c.name,
      year: c.year ?? null,
      url: c.url ?? null,
      cover_url: c.cover_url ?? null,
      confidence: c.confidence,
    }));
  }

  queryOf(folder: UnmatchedFolder): string {
    return this.queries()[folder.folder] ?? folder.title;
  }

  setQuery(folder: UnmatchedFolder, query: string): void {
    this.queries.update((all) => ({ ...all, [folder.folder]: query }));
  }

  async search(folder: UnmatchedFolder): Promise<void> {
    const query = this.queryOf(folder).trim();
    if (!query) return;
    this.searching.set(folder.folder);
    this.searchError.set(null);
    try {
      const found = await this.store.search(query);
      this.results.update((all) => ({
        ...all,
        [folder.folder]: found.map((r) => ({
          site: r.site,
          key: r.key,
          name: r.name,
          year: firstYear(r.years),
          url: r.url,
          cover_url: r.cover_url,
          confidence: null,
        })),
      }));
    } catch (error) {
      this.searchError.set({ folder: folder.folder, error: toApiError(error) });
    } finally {
      this.searching.set(null);
    }
  }

  match(folder: UnmatchedFolder, choice: Choice): Promise<boolean> {
    return this.store.match({ folder: folder.folder, key: choice.key, site: choice.site });
  }

  siteName(site: SiteId): string {
    return SITE_NAMES[site];
  }

  coverFailed(url: string): void {
    this.brokenCovers.update((set) => new Set(set).add(url));
  }
}

/** "(2019 - heute)" → 2019. */
function firstYear(years: string | null): number | null {
  const match = /(\d{4})/.exec(years ?? '');
  return match ? Number(match[1]) : null;
}
