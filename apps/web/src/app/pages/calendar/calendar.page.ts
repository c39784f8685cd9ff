import { ChangeDetectionStrategy, Component, computed, effect, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import {
  CALENDAR_MAX_ENTRIES,
  type CalendarEntry,
  type CalendarEntryState,
} from '@aniworld/contracts';
import { formatDay } from '../../common/calendar-day';
import { ErrorMessageComponent } from '../../common/error-message.component';
import { languageLabel } from '../../common/failure-text';
import { episodeCode } from '../../common/format';
import { currentLanguage } from '../../core/i18n/language';
import { CalendarStore, entryId, isoDay, mondayOf, shiftDay } from '../../stores/calendar.store';

const STATE_LABELS: Record<CalendarEntryState, string> = {
  on_disk: $localize`:@@calendar.state.onDisk:On disk`,
  queued: $localize`:@@calendar.state.queued:Queued`,
  missing: $localize`:@@calendar.state.missing:Missing`,
  upcoming: $localize`:@@calendar.state.upcoming:Upcoming`,
};

/** A week of released and announced episodes of library series, day by day. */
@Component({
  selector: 'aw-calendar-page',
  imports: [RouterLink, MatButtonModule, ErrorMessageComponent],
  providers: [CalendarStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="heading">
      <h1 i18n="@@calendar.title">Calendar</h1>
      <span class="spacer"></span>
      <nav class="weeks" aria-label="Weeks" i18n-aria-label="@@calendar.weeks">
        <a
          mat-stroked-button
          [routerLink]="[]"
          [queryParams]="{ week: previous() }"
          i18n="@@calendar.previousWeek"
        >
          Previous week
        </a>
        <a
          mat-stroked-button
          [routerLink]="[]"
          [queryParams]="{}"
          [disabled]="isThisWeek()"
          i18n="@@calendar.thisWeek"
        >
          This week
        </a>
        <a
          mat-stroked-button
          [routerLink]="[]"
          [queryParams]="{ week: next() }"
          i18n="@@calendar.nextWeek"
          >Next week</a
        >
      </nav>
    </div>
    <p class="muted" i18n="@@calendar.intro">
      Episodes of your library series that came out or are announced on aniworld.to, as the
      new-episodes check last read them (see <a routerLink="/schedule">Schedule</a>).
    </p>
    <h2 class="range" data-testid="calendar-range">{{ range() }}</h2>
    <aw-error [error]="store.error()" />
    @if (store.response()?.truncated) {
      <p class="muted" i18n="@@calendar.truncated">
        Only the first {{ maxEntries }} episodes of this week are shown.
      </p>
    }
    @if (store.response()) {
      @for (day of store.days(); track day.date) {
        <section class="day" [class.today]="day.today" [attr.data-day]="day.date">
          <h3>
            {{ dayLabel(day.date) }}
            @if (day.today) {
              <span class="today-mark" i18n="@@calendar.today">Today</span>
            }
          </h3>
          @if (day.entries.length === 0) {
            <p class="muted nothing" i18n="@@calendar.nothing">Nothing this day.</p>
          } @else {
            <ul class="entries">
              @for (e of day.entries; track entryId(e)) {
                <li [attr.data-entry]="entryId(e)" [attr.data-state]="e.state">
                  <span class="time">{{ e.time ?? '' }}</span>
                  <span class="what" translate="no">
                    <a [routerLink]="['/series', e.series_key]">{{ e.series_name }}</a>
                    <span class="code">{{ code(e.season, e.episode) }}</span>
                    @if (e.title) {
                      <span class="title">{{ e.title }}</span>
                    }
                  </span>
                  <span class="languages">
                    @for (l of e.languages; track l) {
                      <span class="language">{{ languageName(l) }}</span>
                    }
                  </span>
                  <span class="state {{ e.state }}" data-testid="entry-state">
                    {{ stateLabels[e.state] }}
                  </span>
                  @if (e.state === 'missing') {
                    <button
                      mat-stroked-button
                      type="button"
                      [disabled]="store.queueing().has(entryId(e))"
                      [attr.aria-label]="queueLabel(e)"
                      (click)="store.queue(e)"
                      i18n="@@calendar.queue"
                    >
                      Queue
                    </button>
                  }
                </li>
              }
            </ul>
          }
        </section>
      }
    }
  `,
  styleUrl: './calendar.page.scss',
})
export class CalendarPage {
  protected readonly store = inject(CalendarStore);
  /** `?week=YYYY-MM-DD` (any day of the week), bound by the router; none: this week. */
  readonly week = input<string | undefined>();
  protected readonly code = episodeCode;
  protected readonly entryId = entryId;
  protected readonly languageName = languageLabel;
  protected readonly stateLabels = STATE_LABELS;
  protected readonly maxEntries = CALENDAR_MAX_ENTRIES.toLocaleString(currentLanguage());
  protected readonly previous = computed(() => shiftDay(this.store.week(), -7));
  protected readonly next = computed(() => shiftDay(this.store.week(), 7));
  protected readonly isThisWeek = computed(
    () => this.store.week() === mondayOf(isoDay(new Date())),
  );
  protected readonly range = computed(
    () =>
      `${dateLabel(this.store.week(), false)} – ${dateLabel(shiftDay(this.store.week(), 6), true)}`,
  );
  protected readonly dayLabel = dayLabel;

  protected queueLabel(e: CalendarEntry): string {
    return $localize`:@@calendar.queueLabel:Queue ${e.series_name}:series: ${this.code(e.season, e.episode)}:episode:`;
  }

  constructor() {
    effect(() => {
      const week = this.week();
      void this.store.load(week && /^\d{4}-\d{2}-\d{2}$/.test(week) ? week : undefined);
    });
  }
}

/** "Monday 30 November", "Montag, 30. November" */
function dayLabel(day: string): string {
  return formatDay(day, { weekday: 'long', day: 'numeric', month: 'long' });
}

/** "30 November", "30. November" (with the year when asked). */
function dateLabel(day: string, withYear: boolean): string {
  return formatDay(day, {
    day: 'numeric',
    month: 'long',
    ...(withYear ? { year: 'numeric' } : {}),
  });
}
