import type { NewEpisode, UpcomingEpisode } from '@aniworld/providers';
import {
  addDays,
  calendarEntries,
  isDay,
  type LibraryView,
  releasedAt,
  releaseRows,
  siteDay,
  spanDays,
  weekOf,
} from './calendar-rules';

describe('calendar rules', () => {
  it('reads the sites’ German days and knows real days from look-alikes', () => {
    expect(siteDay('30.09.2026')).toBe('2026-09-30');
    expect(siteDay('Mittwoch, 1.10.2026')).toBe('2026-10-01');
    expect(siteDay('31.02.2026')).toBeNull();
    expect(siteDay(null)).toBeNull();
    expect(isDay('2026-02-28')).toBe(true);
    expect(isDay('2026-02-29')).toBe(false);
    expect(isDay('2026-9-1')).toBe(false);
  });

  it('counts days and finds the Monday-to-Sunday week of a day', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(spanDays('2026-09-01', '2026-09-01')).toBe(1);
    expect(spanDays('2026-09-01', '2026-10-12')).toBe(42);
    expect(weekOf('2026-12-06')).toEqual({ from: '2026-11-30', to: '2026-12-06' });
    expect(weekOf('2026-11-30')).toEqual({ from: '2026-11-30', to: '2026-12-06' });
  });

  it('dates released rows by their printed day or today, and drops announced rows without one', () => {
    const released: NewEpisode[] = [
      { key: 'a', seriesTitle: 'A', season: 1, episode: 2, url: 'u', language: null, date: null },
      {
        key: 'a',
        seriesTitle: 'A',
        season: 1,
        episode: 1,
        url: 'u',
        language: { audio: 'german', subtitles: null },
        date: '29.09.2026',
      },
    ];
    const announced: UpcomingEpisode[] = [
      { key: 'a', seriesTitle: 'A', season: 1, episode: 3, language: null, date: null, time: null },
      {
        key: 'a',
        seriesTitle: 'A',
        season: 1,
        episode: 3,
        language: { audio: 'japanese', subtitles: 'german' },
        date: '07.10.2026',
        time: '18:30',
      },
    ];
    expect(releaseRows('aniworld', released, announced, '2026-10-01')).toEqual([
      expect.objectContaining({
        episode: 2,
        language: '',
        airDate: '2026-10-01',
        release: 'released',
      }),
      expect.objectContaining({ episode: 1, language: 'german-dub', airDate: '2026-09-29' }),
      {
        site: 'aniworld',
        key: 'a',
        season: 1,
        episode: 3,
        language: 'german-sub',
        airDate: '2026-10-07',
        airTime: '18:30',
        release: 'announced',
        seriesTitle: expect.any(String),
      },
    ]);
  });

  it('dates a release by the moment it was first seen on its day, else by its midnight', () => {
    const noon = Date.parse('2026-10-05T12:00:00Z');
    expect(releasedAt('2026-10-05', noon)).toBe(noon);
    expect(releasedAt('2026-10-01', noon)).toBe(Date.parse('2026-10-01T00:00:00Z'));
    expect(releasedAt('2026-10-06', noon)).toBe(Date.parse('2026-10-06T00:00:00Z'));
  });

  it('merges languages per episode and day, keeps library series only, and orders the day', () => {
    const row = (
      key: string,
      episode: number,
      language: string,
      release: 'released' | 'announced',
      airTime: string | null = null,
    ) => ({
      site: 'aniworld',
      key,
      season: 1,
      episode,
      language,
      airDate: '2026-10-01',
      airTime,
      release,
      seriesTitle: null,
    });
    const library: LibraryView = {
      series: (key) =>
        ({
          b: { id: 2, name: 'Beta', site: 'aniworld' as const },
          z: { id: 1, name: 'Zeta', site: 'sto' as const },
        })[key],
      episode: (seriesId, _season, episode) =>
        seriesId === 2 && episode === 1
          ? { title: 'Eins', onDisk: true, queued: false }
          : seriesId === 2 && episode === 2
            ? { title: null, onDisk: false, queued: true }
            : undefined,
    };
    const entries = calendarEntries(
      [
        row('z', 4, 'german-sub', 'announced', '20:00'),
        row('b', 2, 'german-dub', 'released'),
        row('b', 1, 'german-sub', 'released'),
        row('b', 1, 'german-dub', 'released'),
        row('not-in-library', 1, 'german-dub', 'released'),
        row('z', 3, '', 'released'),
      ],
      library,
    );
    expect(entries.map((e) => [e.series_name, e.episode, e.languages, e.state, e.title])).toEqual([
      ['Beta', 1, ['german-dub', 'german-sub'], 'on_disk', 'Eins'],
      ['Beta', 2, ['german-dub'], 'queued', null],
      ['Zeta', 3, [], 'missing', null],
      ['Zeta', 4, ['german-sub'], 'upcoming', null],
    ]);
  });
});
