import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { RouterLink } from '@angular/router';
import {
  type AnimeEpisode,
  type AnimeDetail,
  type AnimeSeason,
  LANGUAGE_LABELS,
  type LanguageCode,
  QUEUE_PRIORITIES,
  type QueuePriority,
  SITE_NAMES,
} from '@aniworld/contracts';
import { ErrorMessageComponent } from '../../common/error-message.component';
import { episodeCode, formatAirDate } from '../../common/format';
import { SeriesStore, episodeId } from '../../stores/series.store';
import { absent } from '../../stores/episode-view';
import { SeriesMetadataComponent } from './series-metadata.component';

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
    MatProgressBarModule,
    ErrorMessageComponent,
    SeriesMetadataComponent,
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
  /** The chosen language while the selected episodes all have it, else "By preference". */
  readonly chosenLanguage = computed(() => {
    const language = this.language();
    return language && this.store.selectableLanguages().includes(language) ? language : null;
  });
  readonly code = episodeCode;
  readonly airDate = formatAirDate;
  readonly episodeId = episodeId;
  readonly brokenPoster = signal(false);
  readonly brokenFanart = signal(false);

  constructor() {
    effect(() => void this.store.load(this.key()));
  }

  /** The stored TMDB poster (a signed URL), else the site's cover. */
  poster(series: AnimeDetail): string | null {
    return this.brokenPoster() ? null : (series.poster_url ?? series.cover_url);
  }

  /** After a new TMDB match or refresh: ids, genres and artwork may have changed. */
  reload(): void {
    this.brokenPoster.set(false);
    this.brokenFanart.set(false);
    void this.store.load(this.key());
  }

  seasonLabel(season: AnimeSeason): string {
    return season.season === 0 ? 'Films and specials' : `Season ${season.season}`;
  }

  seasonState(season: AnimeSeason): { selectable: number; selected: number } {
    const selectable = season.episodes.filter(
      (e) => absent(e) && this.store.view(e).state !== 'downloading',
    );
    return {
      selectable: selectable.length,
      selected: selectable.filter((e) => this.store.isSelected(e)).length,
    };
  }

  offered(e: AnimeEpisode): string {
    return e.languages.length
      ? e.languages.map((l) => this.languageLabels[l]).join(', ')
      : 'languages not known yet';
  }

  queue(): void {
    void this.store.queueSelected(this.priority(), this.chosenLanguage());
  }

  /** `.strm` files instead of downloads, in the language picked above (or by preference). */
  writeStrm(season: number | null): void {
    void this.store.writeStrm(season, this.language());
  }
}
