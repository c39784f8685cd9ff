import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { SocketService } from '../core/socket/socket.service';
import type { QueueItem, QueueList } from '@aniworld/contracts';
import type { TestRequest } from '@angular/common/http/testing';
import { queueItem, queuePage, queueStatus } from '../testing/factories';
import { FakeSocketService } from '../testing/fake-socket';
import { QueueStore } from './queue.store';

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('QueueStore', () => {
  let http: HttpTestingController;
  let socket: FakeSocketService;
  let store: QueueStore;

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
    store = TestBed.inject(QueueStore);
  });

  afterEach(() => http.verify());

  const listRequest = (list: QueueList): TestRequest =>
    http.expectOne((r) => r.url === '/api/queue/items' && r.params.get('list') === list);

  /** Answers the reads of a load: the status and one page of each list. */
  function flushLoad(
    status = queueStatus(),
    lists: Partial<Record<QueueList, QueueItem[]>> = {},
  ): void {
    http.expectOne('/api/queue/status').flush(status);
    for (const list of ['pending', 'completed', 'failed'] as const)
      listRequest(list).flush(queuePage(lists[list] ?? []));
  }

  async function loaded(
    status = queueStatus(),
    lists: Partial<Record<QueueList, QueueItem[]>> = {},
  ) {
    const load = store.load();
    expect(store.loading()).toBe(true);
    flushLoad(status, lists);
    await load;
  }

  it('joins the download rooms and loads the queue', async () => {
    expect([...socket.rooms].sort()).toEqual(['download_progress', 'downloads']);
    expect(store.isEmpty()).toBe(true);
    await loaded(queueStatus(), { pending: [queueItem()] });
    expect(store.loading()).toBe(false);
    expect(store.pending()).toHaveLength(1);
    expect(store.isEmpty()).toBe(false);
  });

  it('records a load error for the page', async () => {
    const load = store.load();
    http
      .expectOne('/api/queue/status')
      .flush(
        { statusCode: 500, code: 'INTERNAL_ERROR', message: 'db down' },
        { status: 500, statusText: 'x' },
      );
    for (const list of ['pending', 'completed', 'failed'] as const)
      listRequest(list).flush(queuePage());
    await load;
    expect(store.errorFor('load')?.message).toBe('db down');
    expect(store.errorFor('control')).toBeNull();
  });

  it('replaces its status with every queue_status event, reading the lists when totals move', async () => {
    await loaded();
    socket.emit('queue_status', queueStatus({ is_paused: true }));
    expect(store.status()?.is_paused).toBe(true);
    // Same totals: no list is read again.
    http.expectNone('/api/queue/items');

    const failed = queueItem({ status: 'failed' });
    socket.emit(
      'queue_status',
      queueStatus({ stats: { ...queueStatus().stats, failed: 1, total_items: 1 } }),
    );
    listRequest('pending').flush(queuePage());
    listRequest('completed').flush(queuePage());
    listRequest('failed').flush(queuePage([failed]));
    await settle();
    expect(store.failed()).toEqual([failed]);
    expect(store.totalOf('failed')).toBe(1);
  });

  it('pages through a list and reorders by the index in the whole list', async () => {
    const onPage = (ids: string[]) => ids.map((id) => queueItem({ id }));
    await loaded(queueStatus(), {});
    const first = store.showPage('pending', 2);
    // One page known so far: clamped to page 1.
    listRequest('pending').flush(queuePage(onPage(['a', 'b']), 120));
    await first;
    expect(store.pageCount('pending')).toBe(3);
    const second = store.showPage('pending', 2);
    const req = listRequest('pending');
    expect(req.request.params.get('page')).toBe('2');
    expect(req.request.params.get('page_size')).toBe('50');
    req.flush({ ...queuePage(onPage(['x', 'y']), 120, 2) });
    await second;
    expect(store.pending().map((i) => i.id)).toEqual(['x', 'y']);
    expect(store.offsetOf('pending')).toBe(50);
    const done = store.reorder(1, 0);
    expect(store.pending().map((i) => i.id)).toEqual(['y', 'x']);
    const reorder = http.expectOne('/api/queue/reorder');
    expect(reorder.request.body).toEqual({ item_id: 'y', new_position: 50 });
    reorder.flush(queueStatus());
    await done;
  });

  it('applies download_progress to the active item, moving a pending one to active', async () => {
    await loaded(queueStatus(), {
      pending: [queueItem({ id: 'a' }), queueItem({ id: 'b', episode: 2 })],
    });
    const progress = (percent: number) => ({
      download_id: 'b',
      key: 'frieren',
      folder: null,
      series_name: 'Frieren',
      season: 1,
      episode: 2,
      percent,
      speed_mbps: 4.2,
      eta_seconds: 12,
      bytes: { done: percent, total: 100 },
      hoster: 'VOE',
      language: 'german-dub' as const,
    });
    socket.emit('download_progress', progress(10));
    expect(store.pending().map((i) => i.id)).toEqual(['a']);
    expect(store.active()[0]).toMatchObject({ id: 'b', status: 'downloading' });
    socket.emit('download_progress', progress(55));
    expect(store.active()[0].progress).toEqual({
      percent: 55,
      bytes_done: 55,
      bytes_total: 100,
      speed_mbps: 4.2,
      eta_seconds: 12,
    });
    socket.emit('download_progress', { ...progress(1), download_id: 'unknown' });
    expect(store.active()).toHaveLength(1);
  });

  it('reloads when a download completes or fails', async () => {
    await loaded();
    socket.emit('download_complete', {
      download_id: 'a',
      key: 'frieren',
      folder: null,
      series_name: 'Frieren',
      season: 1,
      episode: 1,
      file_path: '/x.mp4',
      hoster: 'VOE',
      bytes: 1,
      language: 'german-dub',
      fallback_from: null,
    });
    flushLoad(queueStatus(), { completed: [queueItem({ status: 'completed' })] });
    await settle();
    expect(store.completed()).toHaveLength(1);
  });

  it('reorders at once and tells the server the new position', async () => {
    await loaded(queueStatus(), { pending: ['a', 'b', 'c'].map((id) => queueItem({ id })) });
    const done = store.reorder(0, 2);
    expect(store.pending().map((i) => i.id)).toEqual(['b', 'c', 'a']);
    const req = http.expectOne('/api/queue/reorder');
    expect(req.request.body).toEqual({ item_id: 'a', new_position: 2 });
    req.flush(queueStatus());
    await done;
    expect(store.pending().map((i) => i.id)).toEqual(['b', 'c', 'a']);
  });

  it('undoes a refused reorder and shows why', async () => {
    await loaded(queueStatus(), { pending: ['a', 'b'].map((id) => queueItem({ id })) });
    const done = store.reorder(1, 0);
    http
      .expectOne('/api/queue/reorder')
      .flush(
        { statusCode: 404, code: 'QUEUE_ITEM_NOT_FOUND', message: 'gone' },
        { status: 404, statusText: 'x' },
      );
    await done;
    expect(store.pending().map((i) => i.id)).toEqual(['a', 'b']);
    expect(store.errorFor('reorder')?.code).toBe('QUEUE_ITEM_NOT_FOUND');
  });

  it.each([
    ['pause', () => store.control('pause'), 'POST', '/api/queue/pause'],
    ['retry', () => store.retry(), 'POST', '/api/queue/retry'],
  ] as const)(
    '%s: takes the status the server answers with',
    async (_name, action, method, url) => {
      await loaded();
      const done = action();
      expect(store.busy()).toBe(true);
      http
        .expectOne((r) => r.method === method && r.url === url)
        .flush(queueStatus({ is_paused: true }));
      await settle();
      for (const list of ['pending', 'completed', 'failed'] as const)
        listRequest(list).flush(queuePage());
      expect(await done).toBe(true);
      expect(store.busy()).toBe(false);
      expect(store.status()?.is_paused).toBe(true);
    },
  );

  it.each([
    ['remove', () => store.remove('a'), 'DELETE', '/api/queue/a'],
    ['clear', () => store.clearCompleted(), 'DELETE', '/api/queue/completed'],
  ] as const)(
    '%s: calls the API, then reads the queue again',
    async (_name, action, method, url) => {
      await loaded();
      const done = action();
      http
        .expectOne((r) => r.method === method && r.url === url)
        .flush(null, { status: 204, statusText: 'No Content' });
      await settle();
      flushLoad(queueStatus({ is_paused: true }));
      expect(await done).toBe(true);
      expect(store.status()?.is_paused).toBe(true);
    },
  );

  it('keeps an action error next to that action', async () => {
    await loaded();
    const done = store.control('start');
    http
      .expectOne('/api/queue/start')
      .flush(
        { statusCode: 503, code: 'DOWNLOADS_DISABLED', message: 'No anime directory' },
        { status: 503, statusText: 'x' },
      );
    expect(await done).toBe(false);
    expect(store.errorFor('control')?.message).toBe('No anime directory');
    expect(store.errorFor('remove')).toBeNull();
  });

  it('adds episodes and returns what was added and skipped', async () => {
    const done = store.add({ serie_id: 'frieren', episodes: [{ season: 1, episode: 2 }] });
    http.expectOne('/api/queue/add').flush({ added: [queueItem()], skipped: [] });
    await settle();
    flushLoad();
    expect(await done).toEqual({ added: [queueItem()], skipped: [] });
  });
});
