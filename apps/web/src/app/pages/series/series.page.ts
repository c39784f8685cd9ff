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
  type LanguageCode,
  QUEUE_PRIORITIES,
  type QueueAddResponse,
  type QueuePriority,
  SITE_NAMES,
  type StrmWriteResponse,
} from '@aniworld/contracts';
import { formatDay } from '../../common/calendar-day';
import { ErrorMessageComponent } from '../../common/error-message.component';
import { languageLabel } from '../../common/failure-text';
import { episodeCode } from '../../common/format';
import { SeriesStore, episodeId } from '../../stores/series.store';
import { absent } from '../../stores/episode-view';
import { SeriesMetadataComponent } from './series-metadata.component';

const PRIORITY_LABELS: Record<QueuePriority, string> = {
  HIGH: $localize`:@@series.priority.high:High`,
  NORMAL: $localize`:@@series.priority.normal:Normal`,
  LOW: $localize`:@@series.priority.low:Low`,
};

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
  readonly languageName = languageLabel;
  readonly siteNames = SITE_NAMES;
  readonly priorities = QUEUE_PRIORITIES;
  readonly priorityLabels = PRIORITY_LABELS;
  readonly priority = signal<QueuePriority>('NORMAL');
  readonly language = signal<LanguageCode | null>(null);
  /** The chosen language while the selected episodes all have it, else "By preference". */
  readonly chosenLanguage = computed(() => {
    const language = this.language();
    return language && this.store.selectableLanguages().includes(language) ? language : null;
  });
  readonly code = episodeCode;
  /** `2019-04-07` as "7 Apr 2019" or "7. Apr. 2019". */
  readonly airDate = (day: string) =>
    formatDay(day, { day: 'numeric', month: 'short', year: 'numeric' });
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
    return season.season === 0
      ? $localize`:@@series.specials:Films and specials`
      : $localize`:@@series.season:Season ${season.season}:season:`;
  }

  selectSeasonLabel(season: string): string {
    return $localize`:@@series.selectSeason:Select every missing episode of ${season}:season:`;
  }

  strmSeasonLabel(season: string): string {
    return $localize`:@@series.strmSeasonLabel:Write .strm files for ${season}:season:`;
  }

  seasonProgressLabel(season: string, progress: { onDisk: number; total: number }): string {
    return $localize`:@@series.seasonProgress:${season}:season:: ${progress.onDisk}:onDisk: of ${progress.total}:total: on disk`;
  }

  selectEpisodeLabel(e: AnimeEpisode): string {
    return $localize`:@@series.selectEpisode:Select ${this.code(e.season, e.episode)}:episode:`;
  }

  downloadLabel(e: AnimeEpisode): string {
    return $localize`:@@series.downloadOf:Download of ${this.code(e.season, e.episode)}:episode:`;
  }

  fileLanguageTitle(e: AnimeEpisode): string {
    return e.fallback
      ? $localize`:@@series.fallbackTitle:Fallback: not in the first language of the preference`
      : $localize`:@@series.fileLanguageTitle:The language of the file`;
  }

  /** "3 .strm files written, 2 skipped (already on disk)." */
  strmSummary(strm: StrmWriteResponse): string {
    const written =
      strm.written.length === 1
        ? $localize`:@@series.strmWrittenOne:1 .strm file written`
        : $localize`:@@series.strmWritten:${strm.written.length}:count: .strm files written`;
    if (!strm.skipped.length) return $localize`:@@series.sentence:${written}:text:.`;
    return $localize`:@@series.withSkipped:${written}:text:, ${strm.skipped.length}:skipped: skipped (${strm.skipped[0].reason}:reason:).`;
  }

  /** "3 queued, 1 skipped (already queued)." */
  queuedSummary(result: QueueAddResponse): string {
    const queued = $localize`:@@series.queued:${result.added.length}:count: queued`;
    if (!result.skipped.length) return $localize`:@@series.sentence:${queued}:text:.`;
    return $localize`:@@series.withSkipped:${queued}:text:, ${result.skipped.length}:skipped: skipped (${result.skipped[0].reason}:reason:).`;
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
      ? $localize`:@@series.offeredIn:Offered in ${e.languages.map(languageLabel).join(', ')}:languages:`
      : $localize`:@@series.languagesUnknown:Languages not known yet`;
  }

  queue(): void {
    void this.store.queueSelected(this.priority(), this.chosenLanguage());
  }

  /** `.strm` files instead of downloads, in the language picked above (or by preference). */
  writeStrm(season: number | null): void {
    void this.store.writeStrm(season, this.language());
  }
}
