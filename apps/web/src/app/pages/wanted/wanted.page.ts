import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { RouterLink } from '@angular/router';
import { episodeCode } from '@aniworld/contracts';
import { ErrorMessageComponent } from '../../common/error-message.component';
import { WantedStore } from '../../stores/wanted.store';

/** Missing episodes of monitored series. */
@Component({
  selector: 'aw-wanted-page',
  imports: [RouterLink, MatButtonModule, MatCheckboxModule, ErrorMessageComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="heading">
      <h1 i18n="@@wanted.title">Wanted</h1>
      <span class="spacer"></span>
      <button
        mat-stroked-button
        type="button"
        [disabled]="store.selected().size === 0"
        (click)="store.queueEpisodes(false)"
        i18n="@@wanted.queueSelected"
      >
        Queue selected ({{ store.selected().size }})
      </button>
      <button
        mat-flat-button
        type="button"
        [disabled]="store.episodes().length === 0"
        (click)="store.queueEpisodes(true)"
        i18n="@@wanted.queueAll"
      >
        Queue all
      </button>
    </div>
    <aw-error [error]="store.error()" />
    @if (store.lastQueued(); as count) {
      <p role="status">
        <ng-container i18n="@@wanted.queued">{count, plural,
          =1 {1 episode queued.}
          other {{{ count }} episodes queued.}
        }</ng-container>
      </p>
    } @else if (store.lastQueued() === 0) {
      <p role="status" i18n="@@wanted.queuedNone">No episode queued.</p>
    }
    @if (store.series(); as series) {
      @if (store.episodes().length === 0) {
        <p class="muted" data-testid="wanted-empty" i18n="@@wanted.empty">
          Nothing missing in monitored series. Monitor a series on its page or in the library.
        </p>
      } @else {
        <p class="muted" data-testid="wanted-count">{{ countLabel(series.length) }}</p>
        <ul class="list" data-testid="wanted">
          @for (e of store.episodes(); track e.id) {
            <li>
              <mat-checkbox
                [checked]="store.selected().has(e.id)"
                (change)="store.toggle(e.id)"
                translate="no"
              >
                <a [routerLink]="['/series', e.key]">{{ e.name }}</a>
                {{ code(e.season, e.episode) }}
              </mat-checkbox>
            </li>
          }
        </ul>
      }
    }
  `,
  styles: `
    .heading {
      display: flex;
      align-items: center;
      gap: 8px;
      flex-wrap: wrap;
    }
    .spacer {
      flex: 1;
    }
    h1 {
      font: var(--mat-sys-headline-medium);
      margin: 8px 0;
    }
    .list {
      list-style: none;
      padding: 0;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class WantedPage {
  protected readonly store = inject(WantedStore);
  protected readonly code = episodeCode;

  constructor() {
    void this.store.load();
  }

  /** "5 missing episodes in 2 series" */
  protected countLabel(seriesCount: number): string {
    const count = this.store.episodes().length;
    const episodes =
      count === 1
        ? $localize`:@@wanted.countEpisodesOne:1 missing episode`
        : $localize`:@@wanted.countEpisodes:${count}:count: missing episodes`;
    const series =
      seriesCount === 1
        ? $localize`:@@wanted.countSeriesOne:1 series`
        : $localize`:@@wanted.countSeries:${seriesCount}:count: series`;
    return $localize`:@@wanted.count:${episodes}:episodes: in ${series}:series:`;
  }
}
