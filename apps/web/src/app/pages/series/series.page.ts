import { ChangeDetectionStrategy, Component, effect, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { RouterLink } from '@angular/router';
import {
  type AnimeSeason,
  LANGUAGE_LABELS,
  type LanguageCode,
  QUEUE_PRIORITIES,
  type QueuePriority,
  SITE_NAMES,
} from '@aniworld/contracts';
import { ErrorMessageComponent } from '../../common/error-message.component';
import { episodeCode } from '../../common/format';
import { SeriesStore, episodeId } from '../../stores/series.store';

@Component({
  selector: 'aw-series-page',
  imports: [
    FormsModule,
    RouterLink,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatSelectModule,
    MatSlideToggleModule,
    MatProgressSpinnerModule,
    ErrorMessageComponent,
  ],
  providers: [SeriesStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './series.page.html',
  styleUrl: './series.page.scss',
})
export class SeriesPage {
  readonly store = inject(SeriesStore);
  /** Route parameter, bound by the router. */
  readonly key = input.required<string>();
  readonly languageLabels = LANGUAGE_LABELS;
  readonly siteNames = SITE_NAMES;
  readonly priorities = QUEUE_PRIORITIES;
  readonly priority = signal<QueuePriority>('NORMAL');
  readonly language = signal<LanguageCode | null>(null);
  readonly code = episodeCode;
  readonly episodeId = episodeId;

  constructor() {
    effect(() => void this.store.load(this.key()));
  }

  seasonLabel(season: AnimeSeason): string {
    return season.season === 0 ? 'Films and specials' : `Season ${season.season}`;
  }

  seasonState(season: AnimeSeason): { selectable: number; selected: number } {
    const selectable = season.episodes.filter((e) => !e.is_downloaded && !e.queued);
    return {
      selectable: selectable.length,
      selected: selectable.filter((e) => this.store.isSelected(e)).length,
    };
  }

  queue(): void {
    void this.store.queueSelected(this.priority(), this.language());
  }

  /** `.strm` files instead of downloads, in the language picked above (or by preference). */
  writeStrm(season: number | null): void {
    void this.store.writeStrm(season, this.language());
  }
}
