import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { ScanStatus } from '@aniworld/contracts';
import { SocketService } from '../core/socket/socket.service';
import { animeSummary } from '../testing/factories';
import { FakeSocketService } from '../testing/fake-socket';
import { LibraryStore } from './library.store';

const settle = () => new Promise((r) => setTimeout(r, 0));
const page = (items = [animeSummary()]) => ({ items, total: items.length, page: 1, page_size: 24 });
const scanStatus = (): ScanStatus => ({
  scan_id: 's1',
  state: 'completed',
  started_at: '2026-01-01T00:00:00Z',
  finished_at: '2026-01-01T00:01:00Z',
  folders_total: 2,
  folders_done: 2,
  folders_unchanged: 0,
  series_matched: 0,
  unmatched: 1,
  current_folder: null,
  error: null,
});

describe('LibraryStore', () => {
  let http: HttpTestingController;
  let socket: FakeSocketService;
  let store: LibraryStore;

  beforeEach(() => {
    socket = new FakeSocketService();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: SocketService, useValue: socket },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    store = TestBed.inject(LibraryStore);
  });

  afterEach(() => http.verify());

  it('loads a page with the current query', async () => {
    const load = store.load();
    expect(store.loading()).toBe(true);
    http
      .expectOne('/api/anime?page=1&page_size=24&missing_only=false&sort=name&order=asc')
      .flush(page());
    await load;
    expect(store.loading()).toBe(false);
    expect(store.page()?.items[0].key).toBe('frieren');
  });

  it('goes back to page 1 when the filter changes, but not when paging', async () => {
    let change = store.setQuery({ page: 3 });
    http.expectOne((r) => r.params.get('page') === '3').flush(page());
    await change;
    change = store.setQuery({ q: 'fri', sort: 'missing' });
    const req = http.expectOne((r) => r.url === '/api/anime');
    expect(req.request.params.get('page')).toBe('1');
    expect(req.request.params.get('q')).toBe('fri');
    expect(req.request.params.get('sort')).toBe('missing');
    req.flush(page());
    await change;
  });

  it('shows the error of a failed load', async () => {
    const load = store.load();
    http.expectOne((r) => r.url === '/api/anime').flush({}, { status: 0, statusText: '' });
    await load;
    expect(store.error()?.code).toBe('SERVICE_UNAVAILABLE');
  });

  it('rescan: starts, follows scan_progress, and refreshes everything on scan_complete', async () => {
    expect(socket.rooms.has('scan_progress')).toBe(true);
    const rescan = store.rescan();
    http.expectOne('/api/anime/rescan').flush({ scan_id: 's1' });
    await rescan;
    expect(store.scanProgress()).toMatchObject({ scanId: 's1', percent: 0 });
    socket.emit('scan_progress', {
      scan_id: 's1',
      percent: 40,
      folders_total: 5,
      folders_done: 2,
      current_folder: 'A (2020)',
    });
    expect(store.scanProgress()).toEqual({
      scanId: 's1',
      percent: 40,
      foldersDone: 2,
      foldersTotal: 5,
      currentFolder: 'A (2020)',
    });
    socket.emit('scan_complete', {
      scan_id: 's1',
      series_matched: 4,
      unmatched: 1,
      missing_episodes: 3,
    });
    expect(store.scanProgress()).toBeNull();
    http.expectOne('/api/anime/scan').flush(null);
    http.expectOne((r) => r.url === '/api/anime').flush(page());
    http.expectOne('/api/anime/unmatched').flush([]);
    await settle();
    expect(store.unmatched()).toEqual([]);
  });

  it('rescan: a scan already running is reported where the button is', async () => {
    const rescan = store.rescan();
    http
      .expectOne('/api/anime/rescan')
      .flush(
        { statusCode: 409, code: 'SCAN_IN_PROGRESS', message: 'A scan is running' },
        { status: 409, statusText: 'x' },
      );
    await rescan;
    expect(store.scanError()?.code).toBe('SCAN_IN_PROGRESS');
  });

  it('scan_failed ends the progress with the reason', async () => {
    socket.emit('scan_failed', { scan_id: 's1', error: 'directory vanished' });
    expect(store.scanError()?.message).toBe('directory vanished');
    http.expectOne('/api/anime/scan').flush(null);
    await settle();
  });

  it('matches an unmatched folder and drops it from the list', async () => {
    const folder = { folder: 'X (2020)', title: 'X', year: 2020, episode_files: 2, candidates: [] };
    const load = store.loadUnmatched();
    http.expectOne('/api/anime/unmatched').flush([folder]);
    await load;
    const match = store.match({ folder: 'X (2020)', key: 'x', site: 'aniworld' });
    http.expectOne('/api/anime/unmatched/match').flush({});
    await settle();
    http.expectOne((r) => r.url === '/api/anime').flush(page());
    // The summary is read again: the folder counts as matched now.
    http.expectOne('/api/anime/scan').flush({ ...scanStatus(), unmatched: 0, series_matched: 1 });
    expect(await match).toBe(true);
    expect(store.unmatched()).toEqual([]);
    expect(store.scan()?.unmatched).toBe(0);
  });

  it('ignores a folder: gone from the list, the summary read again', async () => {
    const folder = { folder: 'Y', title: 'Y', year: null, episode_files: 1, candidates: [] };
    const load = store.loadUnmatched();
    http.expectOne('/api/anime/unmatched').flush([folder]);
    await load;
    const ignore = store.ignore('Y');
    const req = http.expectOne('/api/anime/unmatched/ignore');
    expect(req.request.body).toEqual({ folder: 'Y' });
    req.flush(null);
    await settle();
    http.expectOne('/api/anime/scan').flush({ ...scanStatus(), unmatched: 0 });
    expect(await ignore).toBe(true);
    expect(store.unmatched()).toEqual([]);
  });

  it('keeps a refused match next to its folder', async () => {
    const match = store.match({ folder: 'X (2020)', key: 'x', site: 'aniworld' });
    http
      .expectOne('/api/anime/unmatched/match')
      .flush(
        { statusCode: 404, code: 'SERIES_NOT_FOUND', message: 'no such series' },
        { status: 404, statusText: 'x' },
      );
    expect(await match).toBe(false);
    expect(store.matchError()).toEqual({
      folder: 'X (2020)',
      error: expect.objectContaining({ code: 'SERIES_NOT_FOUND' }),
    });
  });
});
