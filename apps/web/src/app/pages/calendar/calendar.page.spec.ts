import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router, withComponentInputBinding } from '@angular/router';
import type { CalendarEntry } from '@aniworld/contracts';
import { RouterTestingHarness } from '@angular/router/testing';
import { calendarEntry } from '../../testing/factories';
import { CalendarPage } from './calendar.page';

describe('CalendarPage', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter(
          [
            { path: 'calendar', component: CalendarPage },
            { path: 'series/:key', children: [] },
          ],
          withComponentInputBinding(),
        ),
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  /** Lets the answered requests land and the page render them. */
  async function settle(harness: RouterTestingHarness): Promise<void> {
    await harness.fixture.whenStable();
    harness.detectChanges();
  }

  function answer(from: string, to: string, entries: CalendarEntry[]): void {
    const req = http.expectOne(
      (r) =>
        r.url === '/api/calendar' && r.params.get('from') === from && r.params.get('to') === to,
    );
    req.flush({ from, to, entries, truncated: false });
  }

  it('shows the week of ?week= day by day, each episode with its languages and state', async () => {
    const harness = await RouterTestingHarness.create('/calendar?week=2026-10-01');
    answer('2026-09-28', '2026-10-04', [
      calendarEntry({
        date: '2026-09-30',
        languages: ['german-dub', 'german-sub'],
        title: 'Aufbruch',
      }),
      calendarEntry({
        date: '2026-09-30',
        series_key: 'kuro',
        series_name: 'Kuro',
        state: 'on_disk',
      }),
      calendarEntry({
        date: '2026-10-02',
        episode: 6,
        time: '18:30',
        release: 'announced',
        state: 'upcoming',
      }),
    ]);
    await settle(harness);
    const el = harness.routeNativeElement as HTMLElement;
    expect(el.querySelector('[data-testid="calendar-range"]')?.textContent).toContain(
      '4 October 2026',
    );
    const days = [...el.querySelectorAll('section[data-day]')];
    expect(days.map((d) => d.getAttribute('data-day'))).toEqual([
      '2026-09-28',
      '2026-09-29',
      '2026-09-30',
      '2026-10-01',
      '2026-10-02',
      '2026-10-03',
      '2026-10-04',
    ]);
    expect(days[0].textContent).toContain('Nothing this day.');
    const frieren = el.querySelector('[data-entry="frieren:1:5:2026-09-30"]') as HTMLElement;
    expect(frieren.textContent).toContain('S01E05');
    expect(frieren.textContent).toContain('Aufbruch');
    expect(frieren.textContent).toContain('German Dub');
    expect(frieren.textContent).toContain('German Sub');
    expect(frieren.querySelector('[data-testid="entry-state"]')?.textContent?.trim()).toBe(
      'Missing',
    );
    expect(frieren.querySelector('a')?.getAttribute('href')).toBe('/series/frieren');
    expect(frieren.querySelector('button')?.textContent?.trim()).toBe('Queue');
    const kuro = el.querySelector('[data-entry="kuro:1:5:2026-09-30"]') as HTMLElement;
    expect(kuro.textContent).toContain('On disk');
    expect(kuro.querySelector('button')).toBeNull();
    const next = el.querySelector('[data-entry="frieren:1:6:2026-10-02"]') as HTMLElement;
    expect(next.textContent).toContain('18:30');
    expect(next.textContent).toContain('Upcoming');
    expect(next.querySelector('button')).toBeNull();
  });

  it('queues a missing episode from its button and moves between weeks', async () => {
    const harness = await RouterTestingHarness.create('/calendar?week=2026-09-30');
    answer('2026-09-28', '2026-10-04', [calendarEntry({ date: '2026-09-30' })]);
    await settle(harness);
    const el = harness.routeNativeElement as HTMLElement;
    (el.querySelector('button[aria-label="Queue Frieren S01E05"]') as HTMLButtonElement).click();
    const add = http.expectOne('/api/queue/add');
    expect(add.request.body).toEqual({
      serie_id: 'frieren',
      episodes: [{ season: 1, episode: 5 }],
    });
    add.flush({ added: [{}], skipped: [] });
    await settle(harness);
    expect(el.querySelector('[data-testid="entry-state"]')?.textContent?.trim()).toBe('Queued');

    const links = [...el.querySelectorAll('nav[aria-label="Weeks"] a')] as HTMLAnchorElement[];
    const nextWeek = links.find((a) => a.textContent?.trim() === 'Next week') as HTMLAnchorElement;
    expect(nextWeek.getAttribute('href')).toBe('/calendar?week=2026-10-05');
    await TestBed.inject(Router).navigateByUrl(nextWeek.getAttribute('href') as string);
    await settle(harness);
    answer('2026-10-05', '2026-10-11', []);
    await settle(harness);
    expect([...el.querySelectorAll('section[data-day]')][0].getAttribute('data-day')).toBe(
      '2026-10-05',
    );
  });
});
