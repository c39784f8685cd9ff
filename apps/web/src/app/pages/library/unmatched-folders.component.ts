import { NgTemplateOutlet } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  inject,
  signal,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { SITE_NAMES, type SiteId, type UnmatchedFolder } from '@aniworld/contracts';
import { type ApiError, toApiError } from '../../core/api/api-error';
import { ErrorMessageComponent } from '../../common/error-message.component';
import { LibraryStore } from '../../stores/library.store';
import { focusAfterRemoval } from './focus-after-removal';

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
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  /** Search results per folder, and what each folder's search box holds. */
  readonly results = signal<Record<string, Choice[]>>({});
  readonly queries = signal<Record<string, string>>({});
  readonly searching = signal<string | null>(null);
  readonly searchError = signal<{ folder: string; error: ApiError } | null>(null);
  readonly brokenCovers = signal<ReadonlySet<string>>(new Set());
  /** What the last match or ignore did, for screen readers (the folder leaves the list). */
  readonly status = signal('');

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

  /** Links the folder with the series; focus goes on to the folder now in its place. */
  async match(folder: UnmatchedFolder, choice: Choice, index: number): Promise<boolean> {
    const done = await this.store.match({
      folder: folder.folder,
      key: choice.key,
      site: choice.site,
    });
    if (done) {
      this.status.set(
        $localize`:@@library.unmatched.matched:${folder.folder}:folder: matched with ${choice.name}:series:.`,
      );
      this.focusNext(index);
    }
    return done;
  }

  /** Scans leave the folder alone from now on; focus goes on to the folder now in its place. */
  async ignore(folder: UnmatchedFolder, index: number): Promise<boolean> {
    const done = await this.store.ignore(folder.folder);
    if (done) {
      this.status.set($localize`:@@library.unmatched.ignored:${folder.folder}:folder: is ignored.`);
      this.focusNext(index);
    }
    return done;
  }

  matchLabel(folder: UnmatchedFolder, choice: Choice): string {
    return $localize`:@@library.unmatched.matchLabel:Match ${folder.folder}:folder: with ${choice.name}:series:`;
  }

  /** "2016 · AniWorld · 80 % alike" */
  details(choice: Choice): string {
    const parts = [
      choice.year === null
        ? $localize`:@@library.unmatched.yearUnknown:year unknown`
        : String(choice.year),
      this.siteName(choice.site),
    ];
    if (choice.confidence !== null) {
      const percent = (choice.confidence * 100).toFixed(0);
      parts.push($localize`:@@library.unmatched.alike:${percent}:percent: % alike`);
    }
    return parts.join(' · ');
  }

  siteName(site: SiteId): string {
    return SITE_NAMES[site];
  }

  coverFailed(url: string): void {
    this.brokenCovers.update((set) => new Set(set).add(url));
  }

  private focusNext(index: number): void {
    focusAfterRemoval(this.injector, {
      items: () => [...this.host.nativeElement.querySelectorAll<HTMLElement>('.folder .name')],
      index,
    });
  }
}

/** "(2019 - heute)" → 2019. */
function firstYear(years: string | null): number | null {
  const match = /(\d{4})/.exec(years ?? '');
  return match ? Number(match[1]) : null;
}
