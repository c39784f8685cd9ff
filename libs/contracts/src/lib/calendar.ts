import type { LanguageCode } from './languages';
import type { SiteId } from './providers';

/** The longest span one `GET /api/calendar` covers (six weeks: a month view with its edges). */
export const CALENDAR_MAX_DAYS = 42;
/** At most this many entries in one answer; `truncated` says when there were more. */
export const CALENDAR_MAX_ENTRIES = 1000;

/**
 * Where an episode of the calendar stands for this library:
 * - `on_disk`: downloaded;
 * - `queued`: pending or downloading in the queue;
 * - `missing`: released and neither on disk nor queued;
 * - `upcoming`: announced by the site and not released yet.
 */
export type CalendarEntryState = 'on_disk' | 'queued' | 'missing' | 'upcoming';

/** `GET /api/calendar?from=&to=` (both `YYYY-MM-DD`, inclusive; default: this week). */
export interface CalendarQuery {
  from?: string;
  to?: string;
}

/** One episode of a library series on one day, all its languages together. */
export interface CalendarEntry {
  /** The site's day (`YYYY-MM-DD`): released on it, or announced for it. */
  date: string;
  /** Announced time of day, `HH:MM` in the site's time zone (Europe/Berlin); null if none. */
  time: string | null;
  /** `released`: on the site's new-episodes page; `announced`: only on its calendar so far. */
  release: 'released' | 'announced';
  series_key: string;
  series_name: string;
  site: SiteId;
  season: number;
  episode: number;
  /** The episode's title when the library knows it (German first). */
  title: string | null;
  languages: LanguageCode[];
  state: CalendarEntryState;
}

export interface CalendarResponse {
  from: string;
  to: string;
  /** By date, then time, series name, season and episode. */
  entries: CalendarEntry[];
  /** More than {@link CALENDAR_MAX_ENTRIES} entries fell in the span: ask for a shorter one. */
  truncated: boolean;
}
