import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { animeDetail, queueItem } from '../testing/factories';
import { SeriesStore } from './series.store';

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('SeriesStore', () => {
  let http: HttpTestingController;
  let store: SeriesStore;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), SeriesStore],
    });
    http = TestBed.inject(HttpTestingController);
    store = TestBed.inject(SeriesStore);
  });

  afterEach(() => http.verify());

  async function loaded() {
    const load = store.load('frieren');
    http.expectOne('/api/anime/frieren').flush(animeDetail());
    await load;
  }

  it('loads the series and lists the languages it offers', async () => {
    await loaded();
    expect(store.series()?.name).toBe('Frieren');
    expect(store.languages()).toEqual(['german-dub', 'german-sub']);
  });

  it('flips the monitor toggle at once and back when the server refuses', async () => {
    await loaded();
    const on = store.setMonitored(true);
    expect(store.series()?.monitored).toBe(true);
    const req = http.expectOne('/api/anime/frieren');
    expect(req.request.method).toBe('PATCH');
    expect(req.request.body).toEqual({ monitored: true });
    req.flush(animeDetail({ monitored: true }));
    await on;
    expect(store.series()?.monitored).toBe(true);

    const off = store.setMonitored(false);
    http
      .expectOne('/api/anime/frieren')
      .flush(
        { statusCode: 404, code: 'SERIES_NOT_FOUND', message: 'gone' },
        { status: 404, statusText: 'x' },
      );
    await off;
    expect(store.series()?.monitored).toBe(true);
    expect(store.error()?.code).toBe('SERIES_NOT_FOUND');
  });

  it('shows a 404 for an unknown series', async () => {
    const load = store.load('nope');
    http
      .expectOne('/api/anime/nope')
      .flush(
        { statusCode: 404, code: 'SERIES_NOT_FOUND', message: 'No series nope' },
        { status: 404, statusText: 'x' },
      );
    await load;
    expect(store.series()).toBeNull();
    expect(store.error()?.message).toBe('No series nope');
  });

  it('selects a whole season without what is on disk, and toggles it off again', async () => {
    await loaded();
    store.toggleSeason(1);
    expect([...store.selected()]).toEqual(['1:2', '1:3']);
    store.toggleSeason(1);
    expect(store.selectedCount()).toBe(0);
    store.toggle(animeDetail().seasons[0].episodes[2]);
    expect([...store.selected()]).toEqual(['1:3']);
    store.selectMissing();
    expect(store.selectedCount()).toBe(2);
  });

  it('queues the selection with priority and language, then reloads', async () => {
    await loaded();
    store.selectMissing();
    const queued = store.queueSelected('HIGH', 'german-sub');
    const req = http.expectOne('/api/queue/add');
    expect(req.request.body).toEqual({
      serie_id: 'frieren',
      serie_folder: 'Frieren (2023)',
      serie_name: 'Frieren',
      episodes: [
        { season: 1, episode: 2 },
        { season: 1, episode: 3 },
      ],
      priority: 'HIGH',
      language: 'german-sub',
    });
    req.flush({
      added: [queueItem()],
      skipped: [{ season: 1, episode: 3, reason: 'already queued' }],
    });
    await settle();
    http.expectOne('/api/anime/frieren').flush(animeDetail());
    expect(await queued).toBe(true);
    expect(store.selectedCount()).toBe(0);
    expect(store.lastQueued()?.skipped).toHaveLength(1);
  });

  it('keeps the selection and shows why queueing failed', async () => {
    await loaded();
    store.selectMissing();
    const queued = store.queueSelected('NORMAL', null);
    const req = http.expectOne('/api/queue/add');
    expect(req.request.body.language).toBeUndefined();
    req.flush(
      { statusCode: 503, code: 'DOWNLOADS_DISABLED', message: 'No anime directory' },
      { status: 503, statusText: 'x' },
    );
    expect(await queued).toBe(false);
    expect(store.queueError()?.code).toBe('DOWNLOADS_DISABLED');
    expect(store.selectedCount()).toBe(2);
  });

  it('writes .strm files for a season or the whole series, in the language picked', async () => {
    await loaded();
    const season = store.writeStrm(1, 'german-sub');
    expect(store.strmWriting()).toBe(1);
    // One at a time: a second click while writing does nothing.
    expect(await store.writeStrm(null, null)).toBe(false);
    const req = http.expectOne('/api/strm/series/frieren');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ season: 1, language: 'german-sub' });
    req.flush({
      written: [
        {
          season: 1,
          episode: 1,
          language: 'german-sub',
          path: '/anime/F/Season 01/F - S01E01.strm',
        },
      ],
      skipped: [{ season: 1, episode: 2, reason: 'on disk' }],
    });
    expect(await season).toBe(true);
    expect(store.strmWriting()).toBeNull();
    expect(store.lastStrm()?.written).toHaveLength(1);

    const all = store.writeStrm(null, null);
    const refused = http.expectOne('/api/strm/series/frieren');
    expect(refused.request.body).toEqual({});
    refused.flush(
      { statusCode: 409, code: 'DOWNLOADS_DISABLED', message: 'no anime directory' },
      { status: 409, statusText: 'x' },
    );
    expect(await all).toBe(false);
    expect(store.strmError()?.code).toBe('DOWNLOADS_DISABLED');
    expect(store.strmWriting()).toBeNull();
  });
});
