import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { SocketService } from '../core/socket/socket.service';
import { animeDetail, queueItem } from '../testing/factories';
import { FakeSocketService } from '../testing/fake-socket';
import { SeriesStore } from './series.store';

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('SeriesStore', () => {
  let http: HttpTestingController;
  let store: SeriesStore;
  let socket: FakeSocketService;

  beforeEach(() => {
    socket = new FakeSocketService();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: SocketService, useValue: socket },
        SeriesStore,
      ],
    });
    http = TestBed.inject(HttpTestingController);
    store = TestBed.inject(SeriesStore);
  });

  afterEach(() => http.verify());

  async function loaded(detail = animeDetail()) {
    const load = store.load('frieren');
    http.expectOne('/api/anime/frieren').flush(detail);
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

  it('leaves an episode that streams from a .strm out of "all missing", but lets it be picked', async () => {
    const detail = animeDetail();
    const streamed = { ...detail.seasons[0].episodes[2], strm_path: '/anime/e3.strm' };
    detail.seasons[0].episodes[2] = streamed;
    await loaded(detail);
    store.selectMissing();
    expect([...store.selected()]).toEqual(['1:2']);
    store.toggleSeason(1);
    expect([...store.selected()]).toEqual([]);
    store.toggleSeason(1);
    expect([...store.selected()]).toEqual(['1:2']);
    store.toggle(streamed);
    expect([...store.selected()]).toEqual(['1:2', '1:3']);
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

  it('follows the socket: queued, downloading n %, on disk in its language, without a reload', async () => {
    await loaded();
    const [, second] = animeDetail().seasons[0].episodes;
    const event = { key: 'frieren', folder: null, series_name: 'Frieren', season: 1, episode: 2 };
    expect(store.view(second).text).toBe('Missing');
    socket.emit('download_progress', {
      ...event,
      download_id: 'q1',
      percent: 45,
      speed_mbps: 1,
      eta_seconds: 3,
      bytes: { done: 45, total: 100 },
      hoster: 'VOE',
      language: 'english-sub',
    });
    // Another series' progress changes nothing here.
    socket.emit('download_progress', {
      ...event,
      key: 'other',
      download_id: 'q9',
      percent: 10,
      speed_mbps: 1,
      eta_seconds: 3,
      bytes: { done: 1, total: 10 },
      hoster: 'VOE',
      language: 'german-dub',
    });
    const episode = () => store.episodes()[1];
    expect(store.view(episode()).text).toBe('Downloading 45 %');
    expect(store.season(1).percent).toBeCloseTo(((1 + 0.45) / 3) * 100);
    socket.emit('download_complete', {
      ...event,
      download_id: 'q1',
      file_path: '/anime/e2.mp4',
      hoster: 'VOE',
      bytes: 100,
      language: 'english-sub',
      fallback_from: 'german-dub',
    });
    expect(store.view(episode()).text).toBe('On disk');
    expect(episode()).toMatchObject({ downloaded_language: 'english-sub', fallback: true });
    // Then the counts are read again, quietly.
    http.expectOne('/api/anime/frieren').flush(animeDetail());
    await settle();
  });

  it('shows a failure for good as Failed, a retry as Queued', async () => {
    await loaded();
    const event = { key: 'frieren', folder: null, series_name: 'Frieren', season: 1 };
    const failed = (episode: number, will_retry: boolean) =>
      socket.emit('download_failed', {
        ...event,
        episode,
        download_id: `q${episode}`,
        error: 'x',
        will_retry,
        providers_tried: [],
      });
    failed(2, true);
    failed(3, false);
    for (const req of http.match('/api/anime/frieren')) req.flush(store.series() ?? {});
    await settle();
    const [, second, third] = store.episodes();
    expect(store.view(second).text).toBe('Queued');
    expect(store.view(third).text).toBe('Failed');
  });

  it('offers only the languages every selected episode has, and queues upgrades', async () => {
    const detail = animeDetail();
    detail.seasons[0].episodes[2] = {
      ...detail.seasons[0].episodes[2],
      languages: ['german-sub'],
    };
    detail.seasons[0].episodes[0] = {
      ...detail.seasons[0].episodes[0],
      downloaded_language: 'german-sub',
      fallback: true,
      upgrade_language: 'german-dub',
    };
    const load = store.load('frieren');
    http.expectOne('/api/anime/frieren').flush(detail);
    await load;
    expect(store.selectableLanguages()).toEqual(['german-dub', 'german-sub']);
    store.selectMissing();
    expect(store.selectableLanguages()).toEqual(['german-sub']);
    expect(store.upgradable().map((e) => e.episode)).toEqual([1]);
    const upgrade = store.upgrade();
    const req = http.expectOne('/api/queue/add');
    expect(req.request.body).toMatchObject({
      episodes: [{ season: 1, episode: 1 }],
      upgrade: true,
    });
    req.flush({ added: [queueItem({ upgrade: true })], skipped: [] });
    await settle();
    http.expectOne('/api/anime/frieren').flush(detail);
    expect(await upgrade).toBe(true);
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
