import {
  type CalendarEntry,
  type CalendarEntryState,
  LANGUAGE_CODES,
  type LanguageCode,
  languageCodeOf,
  type SiteId,
} from '@aniworld/contracts';
import type { NewEpisode, UpcomingEpisode } from '@aniworld/providers';
import type { ReleaseRow } from './episode-release.repository';

const DAY_MS = 24 * 60 * 60 * 1000;

/** `YYYY-MM-DD` of an instant, in UTC. */
export function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The day `n` days after `day` (`YYYY-MM-DD`, n may be negative). */
export function addDays(day: string, n: number): string {
  return dayOf(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS);
}

/** Days from `from` to `to`, both counted: 1 for the same day. */
export function spanDays(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

/** Monday to Sunday of the week holding `day`. */
export function weekOf(day: string): { from: string; to: string } {
  const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
  const from = addDays(day, -weekday);
  return { from, to: addDays(from, 6) };
}

/** A real calendar day written `YYYY-MM-DD` (not `2026-02-30`). */
export function isDay(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && dayOf(Date.parse(`${text}T00:00:00Z`) || 0) === text;
}

/** The sites print days German style, `30.09.2026`; null when there is none or it is no day. */
export function siteDay(printed: string | null): string | null {
  const m = printed ? /(\d{1,2})\.(\d{1,2})\.(\d{4})/.exec(printed) : null;
  if (!m) return null;
  const day = `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
  return isDay(day) ? day : null;
}

/**
 * When a release came out, for the feeds: seen on its own day, the moment it was first seen
 * (close to the real release, and ordered among that day's releases); an earlier day, that day's
 * midnight (UTC).
 */
export function releasedAt(airDate: string, firstSeen: number): number {
  return airDate === dayOf(firstSeen) ? firstSeen : Date.parse(`${airDate}T00:00:00Z`);
}

/**
 * What a new-episodes check read, as rows to store: the new-episodes page's rows are released
 * (on their printed day, or `today` when it prints none), the calendar's are announced (rows
 * without a day are dropped: a calendar entry means nothing without one).
 */
export function releaseRows(
  site: SiteId,
  released: readonly NewEpisode[],
  announced: readonly UpcomingEpisode[],
  today: string,
): ReleaseRow[] {
  const language = (e: NewEpisode | UpcomingEpisode) =>
    e.language ? languageCodeOf(e.language) : '';
  return [
    ...released.map((e) => ({
      site,
      key: e.key,
      season: e.season,
      episode: e.episode,
      language: language(e),
      airDate: siteDay(e.date) ?? today,
      airTime: null,
      release: 'released' as const,
      seriesTitle: e.seriesTitle,
    })),
    ...announced.flatMap((e) => {
      const airDate = siteDay(e.date);
      return airDate
        ? [
            {
              site,
              key: e.key,
              season: e.season,
              episode: e.episode,
              language: language(e),
              airDate,
              airTime: e.time,
              release: 'announced' as const,
              seriesTitle: e.seriesTitle,
            },
          ]
        : [];
    }),
  ];
}

/** What the library knows of a series and its episodes, for {@link calendarEntries}. */
export interface LibraryView {
  series(key: string): { name: string; site: SiteId; id: number } | undefined;
  episode(
    seriesId: number,
    season: number,
    episode: number,
  ): { title: string | null; onDisk: boolean; queued: boolean } | undefined;
}

/**
 * One entry per series, episode and day, its languages together, for series in the library
 * only; ordered by day, time (none first), series name, season and episode.
 */
export function calendarEntries(
  rows: readonly ReleaseRow[],
  library: LibraryView,
): CalendarEntry[] {
  const entries = new Map<string, CalendarEntry>();
  for (const row of rows) {
    const series = library.series(row.key);
    if (!series) continue;
    const id = `${row.key}\u0000${row.season}\u0000${row.episode}\u0000${row.airDate}`;
    const entry = entries.get(id);
    if (entry) {
      if (isLanguage(row.language) && !entry.languages.includes(row.language))
        entry.languages.push(row.language);
      // Released in one language is released.
      if (row.release === 'released') entry.release = 'released';
      entry.time ??= row.airTime;
      continue;
    }
    entries.set(id, {
      date: row.airDate,
      time: row.airTime,
      release: row.release,
      series_key: row.key,
      series_name: series.name,
      site: series.site,
      season: row.season,
      episode: row.episode,
      title: null,
      languages: isLanguage(row.language) ? [row.language] : [],
      state: 'missing',
    });
  }
  const out = [...entries.values()];
  for (const entry of out) {
    const series = library.series(entry.series_key);
    const known = series && library.episode(series.id, entry.season, entry.episode);
    entry.title = known?.title ?? null;
    entry.state = stateOf(entry.release, known);
    entry.languages.sort((a, b) => LANGUAGE_CODES.indexOf(a) - LANGUAGE_CODES.indexOf(b));
  }
  return out.sort(
    (a, b) =>
      a.date.localeCompare(b.date) ||
      (a.time ?? '').localeCompare(b.time ?? '') ||
      a.series_name.localeCompare(b.series_name) ||
      a.season - b.season ||
      a.episode - b.episode,
  );
}

function stateOf(
  release: CalendarEntry['release'],
  known: { onDisk: boolean; queued: boolean } | undefined,
): CalendarEntryState {
  if (known?.onDisk) return 'on_disk';
  if (known?.queued) return 'queued';
  return release === 'released' ? 'missing' : 'upcoming';
}

function isLanguage(value: string): value is LanguageCode {
  return (LANGUAGE_CODES as readonly string[]).includes(value);
}
