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
import { MatSelectModule } from '@angular/material/select';
import { SITE_NAMES, type SeriesMetadata, type TmdbCandidate } from '@aniworld/contracts';
import { ErrorMessageComponent } from '../../common/error-message.component';
import { LibraryStore } from '../../stores/library.store';
import { MetadataMatchesStore } from '../../stores/metadata-matches.store';
import { focusAfterRemoval } from './focus-after-removal';

/**
 * Series whose TMDB entry is not certain (docs/metadata.md, "Matching"): nothing is written for
 * them until the user picks a candidate here, or types the id from themoviedb.org.
 */
@Component({
  selector: 'aw-metadata-matches',
  imports: [
    FormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    ErrorMessageComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <aw-error
      [error]="store.error()"
      prefix="TMDB matches: "
      i18n-prefix="@@metadata.errorPrefix"
    />
    <p class="cdk-visually-hidden" role="status" data-testid="metadata-matches-status">
      {{ status() }}
    </p>
    @if (store.matches(); as matches) {
      @if (matches.length) {
        <section aria-labelledby="tmdb-matches-title" data-testid="metadata-matches">
          <h2 id="tmdb-matches-title" i18n="@@metadata.matches.title">
            Confirm the TMDB match ({{ matches.length }})
          </h2>
          <p class="muted" i18n="@@metadata.matches.intro">
            TMDB has more than one series that could be these. No NFO files or artwork are written
            for them until you pick one.
          </p>
          <ul>
            @for (m of matches; track m.key; let index = $index) {
              <li [attr.data-testid]="'metadata-match-' + m.key">
                <div class="what">
                  <h3 class="name" tabindex="-1" translate="no">{{ m.name }}</h3>
                  <span class="muted">{{ details(m) }}</span>
                </div>
                @if (choice(m); as c) {
                  @if (c.poster_url) {
                    <img [src]="c.poster_url" alt="" width="40" height="60" />
                  }
                }
                <mat-form-field appearance="outline" subscriptSizing="dynamic">
                  <mat-label i18n="@@metadata.matches.series">TMDB series</mat-label>
                  <mat-select [ngModel]="choice(m)" (ngModelChange)="choose(m, $event)">
                    @for (c of m.candidates; track c.tmdb_id) {
                      <mat-option [value]="c" translate="no">
                        {{ c.name }} ({{ c.year ?? '?' }}, #{{ c.tmdb_id }},
                        {{ (c.confidence * 100).toFixed(0) }} %)
                      </mat-option>
                    }
                  </mat-select>
                </mat-form-field>
                <button
                  mat-flat-button
                  type="button"
                  [disabled]="!choice(m) || store.confirming() === m.key"
                  (click)="confirm(m, index)"
                  [attr.data-testid]="'confirm-match-' + m.key"
                  i18n="@@metadata.matches.confirm"
                >
                  Confirm
                </button>
                <mat-form-field appearance="outline" subscriptSizing="dynamic" class="id">
                  <mat-label i18n="@@metadata.matches.orId">or TMDB id</mat-label>
                  <input
                    matInput
                    inputmode="numeric"
                    [ngModel]="typedOf(m)"
                    (ngModelChange)="type(m, $event)"
                  />
                </mat-form-field>
                <button
                  mat-stroked-button
                  type="button"
                  [disabled]="!typedId(m) || store.confirming() === m.key"
                  (click)="useTyped(m, index)"
                  i18n="@@metadata.matches.useId"
                >
                  Use id
                </button>
                @if (store.confirmError()?.key === m.key) {
                  <aw-error [error]="store.confirmError()!.error" />
                }
              </li>
            }
          </ul>
        </section>
      }
    }
  `,
  styleUrls: ['./review-list.scss'],
  styles: `
    .name {
      font: var(--mat-sys-title-small);
      margin: 0;
    }
    img {
      border-radius: 4px;
      object-fit: cover;
    }
    .id {
      width: 130px;
    }
  `,
})
export class MetadataMatchesComponent {
  readonly store = inject(MetadataMatchesStore);
  private readonly library = inject(LibraryStore);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  /** What the last confirmation did, for screen readers (the series leaves the list). */
  readonly status = signal('');
  private readonly choices = signal<Record<string, TmdbCandidate>>({});
  readonly typed = signal<Record<string, string>>({});

  constructor() {
    void this.store.load();
  }

  /** "2016 · AniWorld" */
  details(m: SeriesMetadata): string {
    const year =
      m.year === null ? $localize`:@@metadata.matches.yearUnknown:year unknown` : String(m.year);
    return `${year} · ${SITE_NAMES[m.site]}`;
  }

  choice(m: SeriesMetadata): TmdbCandidate | null {
    return this.choices()[m.key] ?? m.candidates[0] ?? null;
  }

  choose(m: SeriesMetadata, candidate: TmdbCandidate): void {
    this.choices.update((all) => ({ ...all, [m.key]: candidate }));
  }

  type(m: SeriesMetadata, value: string): void {
    this.typed.update((all) => ({ ...all, [m.key]: value }));
  }

  typedOf(m: SeriesMetadata): string {
    return this.typed()[m.key] ?? '';
  }

  typedId(m: SeriesMetadata): number | null {
    const value = this.typedOf(m).trim();
    return /^\d{1,10}$/.test(value) ? Number(value) : null;
  }

  async confirm(m: SeriesMetadata, index: number): Promise<void> {
    const candidate = this.choice(m);
    if (candidate) await this.settle(m, candidate.tmdb_id, index);
  }

  async useTyped(m: SeriesMetadata, index: number): Promise<void> {
    const id = this.typedId(m);
    if (id !== null) await this.settle(m, id, index);
  }

  /**
   * A confirmed series leaves the list: focus goes on to the series now in its place, and the
   * series gets its poster (the library list is read again).
   */
  private async settle(m: SeriesMetadata, tmdbId: number, index: number): Promise<void> {
    if (!(await this.store.confirm(m.key, tmdbId))) return;
    this.status.set(
      $localize`:@@metadata.matches.confirmed:${m.name}:series: is now TMDB #${tmdbId}:tmdbId:.`,
    );
    focusAfterRemoval(this.injector, {
      items: () => [...this.host.nativeElement.querySelectorAll<HTMLElement>('li .name')],
      index,
    });
    await this.library.load();
  }
}
