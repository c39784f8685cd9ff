import { Injectable, computed, inject, signal } from '@angular/core';
import type { CalendarEntry, CalendarEntryState, CalendarResponse } from '@aniworld/contracts';
import { firstValueFrom } from 'rxjs';
import { CalendarApiService } from '../core/api/calendar-api.service';
import { type ApiError, toApiError } from '../core/api/api-error';
import { QueueApiService } from '../core/api/queue-api.service';

export interface CalendarDay {
  /** `YYYY-MM-DD` */
  date: string;
  today: boolean;
  entries: CalendarEntry[];
}

/** The id of an entry on the page: series, episode and day. */
export function entryId(e: CalendarEntry): string {
  return `${e.series_key}:${e.season}:${e.episode}:${e.date}`;
}

/** `YYYY-MM-DD` of a local date. */
export function isoDay(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`;
}

/** The day `n` days after `day` (calendar days, whatever the clock change). */
export function shiftDay(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return isoDay(new Date(y, m - 1, d + n));
}

/** The Monday of the week holding `day`. */
export function mondayOf(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  const weekday = (new Date(y, m - 1, d).getDay() + 6) % 7;
  return shiftDay(day, -weekday);
}

/** A week of the release calendar, Monday to Sunday, and queueing what is missing from it. */
@Injectable()
export class CalendarStore {
  private readonly api = inject(CalendarApiService);
  private readonly queueApi = inject(QueueApiService);

  /** Monday of the week shown. */
  readonly week = signal<string>(mondayOf(isoDay(new Date())));
  readonly response = signal<CalendarResponse | null>(null);
  readonly error = signal<ApiError | null>(null);
  /** Entries being queued now (their buttons wait). */
  readonly queueing = signal<ReadonlySet<string>>(new Set());

  readonly days = computed<CalendarDay[]>(() => {
    const today = isoDay(new Date());
    const entries = this.response()?.entries ?? [];
    return Array.from({ length: 7 }, (_, i) => {
      const date = shiftDay(this.week(), i);
      return { date, today: date === today, entries: entries.filter((e) => e.date === date) };
    });
  });

  /** Loads the week holding `day` (any day of it; default this week). */
  async load(day?: string): Promise<void> {
    const week = mondayOf(day ?? isoDay(new Date()));
    this.week.set(week);
    try {
      const response = await firstValueFrom(this.api.between(week, shiftDay(week, 6)));
      // A later navigation may have asked for another week meanwhile.
      if (this.week() !== week) return;
      this.response.set(response);
      this.error.set(null);
    } catch (error) {
      if (this.week() === week) this.error.set(toApiError(error));
    }
  }

  /** Queues a missing episode; shown as queued at once, back to missing if refused. */
  async queue(entry: CalendarEntry): Promise<void> {
    const id = entryId(entry);
    if (this.queueing().has(id)) return;
    this.queueing.set(new Set([...this.queueing(), id]));
    this.setState(id, 'queued');
    try {
      const res = await firstValueFrom(
        this.queueApi.add({
          serie_id: entry.series_key,
          episodes: [{ season: entry.season, episode: entry.episode }],
        }),
      );
      // Skipped means it was queued already: queued either way.
      if (res.added.length === 0 && res.skipped.length === 0) this.setState(id, entry.state);
      this.error.set(null);
    } catch (error) {
      this.setState(id, entry.state);
      this.error.set(toApiError(error));
    } finally {
      const next = new Set(this.queueing());
      next.delete(id);
      this.queueing.set(next);
    }
  }

  private setState(id: string, state: CalendarEntryState): void {
    const response = this.response();
    if (!response) return;
    this.response.set({
      ...response,
      entries: response.entries.map((e) => (entryId(e) === id ? { ...e, state } : e)),
    });
  }
}
