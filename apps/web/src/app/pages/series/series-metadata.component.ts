import {
  ChangeDetectionStrategy,
  Component,
  effect,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type {
  MetadataRefreshResponse,
  MetadataWriteOutcome,
  SeriesMetadata,
} from '@aniworld/contracts';
import { firstValueFrom } from 'rxjs';
import { type ApiError, toApiError } from '../../core/api/api-error';
import { MetadataApiService } from '../../core/api/metadata-api.service';
import { ErrorMessageComponent } from '../../common/error-message.component';

const METHOD: Record<string, string> = {
  imdb: $localize`:@@metadata.method.imdb:by its IMDb id`,
  title: $localize`:@@metadata.method.title:by title and year`,
  manual: $localize`:@@metadata.method.manual:by hand`,
};

const OUTCOME: Record<MetadataWriteOutcome['outcome'], string> = {
  written: $localize`:@@metadata.outcome.written:written`,
  skipped: $localize`:@@metadata.outcome.skipped:skipped`,
  failed: $localize`:@@metadata.outcome.failed:failed`,
};

/**
 * The series' TMDB match on its page: what it is matched to and how, a refresh that rewrites the
 * NFO files and artwork next to its episodes, and the TMDB id set by hand.
 */
@Component({
  selector: 'aw-series-metadata',
  imports: [
    FormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    ErrorMessageComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section
      class="metadata"
      aria-label="TMDB metadata"
      i18n-aria-label="@@metadata.series.region"
      data-testid="series-metadata"
    >
      @if (metadata(); as m) {
        <p data-testid="metadata-state">
          @switch (m.state) {
            @case ('matched') {
              <ng-container i18n="@@metadata.series.matched"
                >TMDB
                <a
                  [href]="'https://www.themoviedb.org/tv/' + m.tmdb_id"
                  target="_blank"
                  rel="noopener"
                  >#{{ m.tmdb_id }}</a
                >, matched {{ method(m) }}.</ng-container
              >
            }
            @case ('uncertain') {
              {{ uncertain(m) }}
            }
            @case ('not_found') {
              <ng-container i18n="@@metadata.series.notFound"
                >TMDB has no series like this one: set its id below.</ng-container
              >
            }
            @case ('failed') {
              <ng-container i18n="@@metadata.series.failed"
                >TMDB could not be asked: {{ m.error }}</ng-container
              >
            }
            @default {
              <ng-container i18n="@@metadata.series.notLookedUp"
                >Not looked up on TMDB yet.</ng-container
              >
            }
          }
          @if (m.last_write; as w) {
            <span class="muted last-write">{{ lastWrite(w) }}</span>
          }
        </p>
      }
      <div class="actions">
        <button
          mat-stroked-button
          type="button"
          (click)="refresh()"
          [disabled]="busy()"
          data-testid="metadata-refresh"
        >
          @if (busy()) {
            <ng-container i18n="@@metadata.series.working">Working…</ng-container>
          } @else {
            <ng-container i18n="@@metadata.series.refresh"
              >Refresh NFO files and artwork</ng-container
            >
          }
        </button>
        <mat-form-field appearance="outline" subscriptSizing="dynamic" class="id">
          <mat-label i18n="@@metadata.series.tmdbId">TMDB id</mat-label>
          <input
            matInput
            inputmode="numeric"
            [ngModel]="typed()"
            (ngModelChange)="typed.set($event)"
            data-testid="tmdb-id"
          />
        </mat-form-field>
        <button
          mat-button
          type="button"
          (click)="setId()"
          [disabled]="busy() || !validId()"
          data-testid="tmdb-id-save"
          i18n="@@metadata.series.setId"
        >
          Set TMDB id
        </button>
      </div>
      @if (result(); as r) {
        <p class="ok" role="status">{{ refreshSummary(r) }}</p>
      }
      <aw-error [error]="error()" />
    </section>
  `,
  styles: `
    .metadata p {
      margin: 4px 0;
    }
    .last-write {
      margin-left: 0.3em;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
    }
    .id {
      width: 140px;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
    .ok {
      color: var(--mat-sys-primary);
    }
  `,
})
export class SeriesMetadataComponent {
  private readonly api = inject(MetadataApiService);
  readonly key = input.required<string>();
  /** The series changed on the server (new ids, genres, poster): the page reloads it. */
  readonly changed = output<void>();
  readonly metadata = signal<SeriesMetadata | null>(null);
  readonly result = signal<MetadataRefreshResponse | null>(null);
  readonly error = signal<ApiError | null>(null);
  readonly busy = signal(false);
  readonly typed = signal('');

  constructor() {
    effect(() => void this.load(this.key()));
  }

  method(m: SeriesMetadata): string {
    return METHOD[m.method ?? ''] ?? '';
  }

  uncertain(m: SeriesMetadata): string {
    return m.candidates.length === 1
      ? $localize`:@@metadata.series.uncertainOne:The TMDB match is uncertain (1 candidate): set the id below, or confirm it in the library.`
      : $localize`:@@metadata.series.uncertain:The TMDB match is uncertain (${m.candidates.length}:count: candidates): set the id below, or confirm it in the library.`;
  }

  /** "Last NFO write (1×3): skipped – the TMDB match is uncertain." (the reason is the server's) */
  lastWrite(w: MetadataWriteOutcome): string {
    const outcome = OUTCOME[w.outcome] ?? w.outcome;
    return w.reason
      ? $localize`:@@metadata.series.lastWriteReason:Last NFO write (${w.season}:season:×${w.episode}:episode:): ${outcome}:outcome: – ${w.reason}:reason:.`
      : $localize`:@@metadata.series.lastWrite:Last NFO write (${w.season}:season:×${w.episode}:episode:): ${outcome}:outcome:.`;
  }

  /** "3 files written, 1 kept." */
  refreshSummary(r: MetadataRefreshResponse): string {
    const written =
      r.written.length === 1
        ? $localize`:@@metadata.series.writtenOne:1 file written`
        : $localize`:@@metadata.series.written:${r.written.length}:count: files written`;
    return r.kept.length
      ? $localize`:@@metadata.series.writtenKept:${written}:written:, ${r.kept.length}:kept: kept.`
      : $localize`:@@metadata.series.writtenOnly:${written}:written:.`;
  }

  validId(): boolean {
    return /^\d{1,10}$/.test(this.typed().trim());
  }

  async load(key: string): Promise<void> {
    try {
      this.metadata.set(await firstValueFrom(this.api.forSeries(key)));
    } catch (error) {
      this.error.set(toApiError(error));
    }
  }

  async refresh(): Promise<void> {
    await this.run(async () => {
      const response = await firstValueFrom(this.api.refresh(this.key()));
      this.result.set(response);
      this.metadata.set(response.metadata);
    });
  }

  async setId(): Promise<void> {
    await this.run(async () => {
      this.metadata.set(
        await firstValueFrom(this.api.setTmdbId(this.key(), Number(this.typed().trim()))),
      );
      this.typed.set('');
    });
  }

  private async run(work: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      await work();
      this.changed.emit();
    } catch (error) {
      this.error.set(toApiError(error));
    } finally {
      this.busy.set(false);
    }
  }
}
