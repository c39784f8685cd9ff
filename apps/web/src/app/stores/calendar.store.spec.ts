import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { CalendarEntry, CalendarResponse } from '@aniworld/contracts';
import { calendarEntry } from '../testing/factories';
import { CalendarStore, entryId, isoDay, mondayOf, shiftDay } from './calendar.store';

describe('CalendarStore', () => {
  let http: HttpTestingController;
  let store: CalendarStore;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), CalendarStore],
    });
    http = TestBed.inject(HttpTestingController);
    store = TestBed.inject(CalendarStore);
  });

  afterEach(() => http.verify());

  async function loadWeek(day: string, entries: CalendarEntry[]): Promise<void> {
    const load = store.load(day);
    const req = http.expectOne((r) => r.url === '/api/calendar');
    const body: CalendarResponse = {
      from: req.request.params.get('from') as string,
      to: req.request.params.get('to') as string,
      entries,
      truncated: false,
    };
    req.flush(body);
    await load;
  }

  it('counts weeks from Monday, across months and years', () => {
    expect(mondayOf('2026-10-01')).toBe('2026-09-28');
    expect(mondayOf('2026-09-28')).toBe('2026-09-28');
    expect(mondayOf('2027-01-03')).toBe('2026-12-28');
    expect(shiftDay('2026-12-28', 6)).toBe('2027-01-03');
    expect(isoDay(new Date(2026, 0, 5))).toBe('2026-01-05');
  });

  it('asks for the Monday-to-Sunday week of the day and lays its entries out by day', async () => {
    const load = store.load('2026-10-01');
    const req = http.expectOne((r) => r.url === '/api/calendar');
    expect(req.request.params.get('from')).toBe('2026-09-28');
    expect(req.request.params.get('to')).toBe('2026-10-04');
    req.flush({
      from: '2026-09-28',
      to: '2026-10-04',
      entries: [
        calendarEntry({ date: '2026-09-30' }),
        calendarEntry({ date: '2026-10-02', episode: 6, release: 'announced', state: 'upcoming' }),
      ],
      truncated: false,
    });
    await load;
    expect(store.week()).toBe('2026-09-28');
    expect(store.days().map((d) => [d.date, d.entries.map((e) => e.episode)])).toEqual([
      ['2026-09-28', []],
      ['2026-09-29', []],
      ['2026-09-30', [5]],
      ['2026-10-01', []],
      ['2026-10-02', [6]],
      ['2026-10-03', []],
      ['2026-10-04', []],
    ]);
  });

  it('shows an episode queued at once and keeps it so when the server agrees', async () => {
    const entry = calendarEntry();
    await loadWeek('2026-09-30', [entry]);
    const queued = store.queue(entry);
    expect(store.response()?.entries[0].state).toBe('queued');
    expect(store.queueing().has(entryId(entry))).toBe(true);
    const req = http.expectOne('/api/queue/add');
    expect(req.request.body).toEqual({
      serie_id: 'frieren',
      episodes: [{ season: 1, episode: 5 }],
    });
    req.flush({ added: [{}], skipped: [] });
    await queued;
    expect(store.response()?.entries[0].state).toBe('queued');
    expect(store.queueing().size).toBe(0);
  });

  it('puts it back to missing and shows why when the queue refuses', async () => {
    const entry = calendarEntry();
    await loadWeek('2026-09-30', [entry]);
    const queued = store.queue(entry);
    http
      .expectOne('/api/queue/add')
      .flush(
        { statusCode: 409, code: 'CONFLICT', message: 'No anime directory configured' },
        { status: 409, statusText: 'Conflict' },
      );
    await queued;
    expect(store.response()?.entries[0].state).toBe('missing');
    expect(store.error()?.message).toBe('No anime directory configured');
  });

  it('drops the answer for a week the user has already left', async () => {
    const first = store.load('2026-09-30');
    const second = store.load('2026-10-07');
    const [old, fresh] = http.match((r) => r.url === '/api/calendar');
    fresh.flush({ from: '2026-10-05', to: '2026-10-11', entries: [], truncated: false });
    old.flush({
      from: '2026-09-28',
      to: '2026-10-04',
      entries: [calendarEntry()],
      truncated: false,
    });
    await Promise.all([first, second]);
    expect(store.week()).toBe('2026-10-05');
    expect(store.response()?.from).toBe('2026-10-05');
  });
});
