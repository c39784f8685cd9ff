import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
// Angular's German dates, numbers and plural rules (the script form registers itself).
import '@angular/common/locales/global/de';
import { LOCALE_ID, type Type } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { clearTranslations, loadTranslations } from '@angular/localize';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { AnimeDetail, UnmatchedFolder } from '@aniworld/contracts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The library, a series and the calendar in German, as main.ts starts the app for a German user:
 * the translations and the locale data are in place before any page code runs, so the pages are
 * imported only then.
 */
const german = (
  JSON.parse(readFileSync(join(__dirname, '..', '..', 'locale', 'messages.de.json'), 'utf8')) as {
    translations: Record<string, string>;
  }
).translations;

describe('the library, series and calendar pages in German', () => {
  let http: HttpTestingController;
  let pages: {
    LibraryPage: Type<unknown>;
    SeriesPage: Type<unknown>;
    CalendarPage: Type<unknown>;
  };
  let testing: typeof import('../testing/factories');
  let SocketService: typeof import('../core/socket/socket.service').SocketService;
  let FakeSocketService: typeof import('../testing/fake-socket').FakeSocketService;

  beforeAll(async () => {
    localStorage.setItem('aniworld.language', 'de');
    loadTranslations(german);
    const [library, series, calendar] = await Promise.all([
      import('./library/library.page'),
      import('./series/series.page'),
      import('./calendar/calendar.page'),
    ]);
    pages = {
      LibraryPage: library.LibraryPage,
      SeriesPage: series.SeriesPage,
      CalendarPage: calendar.CalendarPage,
    };
    testing = await import('../testing/factories');
    ({ SocketService } = await import('../core/socket/socket.service'));
    ({ FakeSocketService } = await import('../testing/fake-socket'));
  });

  afterAll(() => {
    clearTranslations();
    localStorage.clear();
  });

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter(
          [
            { path: 'calendar', component: pages.CalendarPage },
            { path: 'series/:key', children: [] },
          ],
          withComponentInputBinding(),
        ),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: SocketService, useValue: new FakeSocketService() },
        { provide: LOCALE_ID, useValue: 'de' },
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim();

  it('shows the library with German counts in the singular and the plural', async () => {
    const fixture = TestBed.createComponent(pages.LibraryPage);
    const { animeSummary } = testing;
    const items = [
      animeSummary({
        key: 'one',
        name: 'One',
        total_episodes: 1,
        downloaded_episodes: 1,
        missing_episodes: 0,
      }),
      animeSummary({ key: 'two', name: 'Two', total_episodes: 2, missing_episodes: 1 }),
      animeSummary({ key: 'three', name: 'Three' }),
    ];
    const folder = (name: string, files: number): UnmatchedFolder => ({
      folder: name,
      title: name,
      year: null,
      episode_files: files,
      candidates: [],
    });
    http
      .expectOne((r) => r.url === '/api/anime')
      .flush({ items, total: items.length, page: 1, page_size: 24 });
    http.expectOne('/api/anime/scan').flush({
      scan_id: 's1',
      state: 'completed',
      started_at: '2026-01-01T00:00:00Z',
      finished_at: '2026-01-01T00:01:00Z',
      folders_total: 3,
      folders_done: 3,
      folders_unchanged: 0,
      series_matched: 1,
      unmatched: 2,
      current_folder: null,
      error: null,
    });
    http.expectOne('/api/anime/unmatched').flush([folder('Drachen', 1), folder('Kuro', 2)]);
    http.expectOne('/api/metadata/matches').flush([]);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;

    expect(text(el.querySelector('h1'))).toBe('Bibliothek');
    expect(text(el.querySelector('[data-testid="scan-summary"]'))).toBe(
      'Letzter Scan abgeschlossen: 1 Serie zugeordnet, 2 nicht zugeordnet.',
    );
    const card = (name: string) => el.querySelector(`a[aria-label^="${name}"]`) as HTMLElement;
    expect(text(card('One').querySelector('.sub'))).toBe('2023 · 1/1 Folge');
    expect(text(card('One').querySelector('.complete'))).toBe('Vollständig');
    expect(text(card('Two').querySelector('.sub'))).toBe('2023 · 1/2 Folgen');
    expect(text(card('Two').querySelector('.missing'))).toBe('1 fehlt');
    expect(card('Two').getAttribute('aria-label')).toBe('Two (2023), 1 fehlt');
    expect(text(card('Three').querySelector('.missing'))).toBe('2 fehlen');
    expect(text(el.querySelector('.mat-mdc-paginator-page-size-label'))).toBe('Serien pro Seite:');
    expect(text(el.querySelector('#unmatched-title'))).toBe('Nicht zugeordnete Ordner (2)');
    expect([...el.querySelectorAll('[data-folder] .head .muted')].map(text)).toEqual([
      '1 Videodatei',
      '2 Videodateien',
    ]);
  });

  it('shows a series with German seasons, episode states, air dates and counts', async () => {
    const fixture = TestBed.createComponent(pages.SeriesPage);
    fixture.componentRef.setInput('key', 'frieren');
    fixture.detectChanges();
    const detail: AnimeDetail = testing.animeDetail();
    const [onDisk, second, third] = detail.seasons[0].episodes;
    http.expectOne('/api/anime/frieren').flush({
      ...detail,
      seasons: [
        { season: 0, episodes: [{ ...onDisk, season: 0 }] },
        {
          season: 1,
          episodes: [onDisk, { ...second, queued: true, queue_status: 'pending' }, third],
        },
      ],
    });
    await fixture.whenStable();
    fixture.detectChanges();
    await fixture.whenStable();
    http.expectOne('/api/anime/frieren/metadata').flush({
      key: 'frieren',
      name: 'Frieren',
      site: 'aniworld',
      year: 2023,
      state: 'uncertain',
      method: null,
      confidence: 0.5,
      tmdb_id: null,
      tvdb_id: null,
      imdb_id: null,
      candidates: [],
      error: null,
      checked_at: null,
      last_write: null,
    });
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;

    expect(text(el.querySelector('[data-testid="series-counts"]'))).toBe(
      'AniWorld · 1 von 3 Folgen vorhanden · 2 fehlen',
    );
    expect([...el.querySelectorAll('.season h2')].map(text)).toEqual([
      'Filme und Specials',
      'Staffel 1',
    ]);
    expect(text(el.querySelector('[data-season-progress="1"]'))).toBe('1 von 3 vorhanden');
    const season = el.querySelectorAll('.season')[1];
    expect([...season.querySelectorAll('[data-testid="episode-state"]')].map(text)).toEqual([
      'Vorhanden',
      'Eingereiht',
      'Fehlt',
    ]);
    expect(text(season.querySelector('[data-episode="S01E02"] time'))).toBe('14. Sept. 2023');
    expect(text(el.querySelector('[data-testid="metadata-state"]'))).toBe(
      'Die TMDB-Zuordnung ist unsicher (0 Kandidaten): Gib unten die ID ein oder bestätige sie in der Bibliothek.',
    );

    const button = el.querySelector('[data-testid="queue-selected"]');
    expect(text(button)).toBe('0 Folgen einreihen');
    season.querySelector<HTMLInputElement>('[data-episode="S01E03"] input')?.click();
    await fixture.whenStable();
    expect(text(button)).toBe('1 Folge einreihen');
  });

  it('shows the calendar week with German weekdays and months', async () => {
    const harness = await RouterTestingHarness.create('/calendar?week=2026-10-01');
    http
      .expectOne((r) => r.url === '/api/calendar')
      .flush({
        from: '2026-09-28',
        to: '2026-10-04',
        truncated: false,
        entries: [testing.calendarEntry({ date: '2026-09-30' })],
      });
    await harness.fixture.whenStable();
    harness.detectChanges();
    const el = harness.routeNativeElement as HTMLElement;

    expect(text(el.querySelector('h1'))).toBe('Kalender');
    expect(text(el.querySelector('[data-testid="calendar-range"]'))).toBe(
      '28. September – 4. Oktober 2026',
    );
    const days = [...el.querySelectorAll('section[data-day] h3')].map(text);
    expect(days[0]).toBe('Montag, 28. September');
    expect(days[6]).toBe('Sonntag, 4. Oktober');
    expect(text(el.querySelector('section[data-day="2026-09-28"] .nothing'))).toBe(
      'Nichts an diesem Tag.',
    );
    const entry = el.querySelector('[data-entry="frieren:1:5:2026-09-30"]');
    expect(text(entry?.querySelector('[data-testid="entry-state"]'))).toBe('Fehlt');
    expect(entry?.querySelector('button')?.getAttribute('aria-label')).toBe(
      'Frieren S01E05 einreihen',
    );
  });
});
