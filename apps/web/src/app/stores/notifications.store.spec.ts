import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { SocketService } from '../core/socket/socket.service';
import { notification } from '../testing/factories';
import { FakeSocketService } from '../testing/fake-socket';
import { NotificationsStore } from './notifications.store';

describe('NotificationsStore', () => {
  let http: HttpTestingController;
  let socket: FakeSocketService;
  let store: NotificationsStore;

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
    store = TestBed.inject(NotificationsStore);
  });

  afterEach(() => http.verify());

  async function loaded() {
    const load = store.load();
    http.expectOne('/api/notifications').flush({
      items: [notification({ id: 'a' }), notification({ id: 'b', read: true })],
      unread: 1,
    });
    await load;
  }

  it('counts unread from the server before the list is loaded', () => {
    socket.emit('notification', notification({ id: 'x' }));
    socket.emit('notification', notification({ id: 'y', read: true }));
    expect(store.unread()).toBe(1);
  });

  it('loads the list and prepends pushed notifications once', async () => {
    await loaded();
    expect(store.unread()).toBe(1);
    socket.emit('notification', notification({ id: 'c' }));
    socket.emit('notification', notification({ id: 'c' }));
    expect(store.items()?.map((n) => n.id)).toEqual(['c', 'a', 'b']);
    expect(store.unread()).toBe(2);
  });

  it('marks one read', async () => {
    await loaded();
    const mark = store.markRead('a');
    http.expectOne('/api/notifications/a/read').flush({});
    await mark;
    expect(store.unread()).toBe(0);
    expect(store.items()?.find((n) => n.id === 'a')?.read).toBe(true);
  });

  it('keeps a failed mark-read next to its item', async () => {
    await loaded();
    const mark = store.markRead('a');
    http.expectOne('/api/notifications/a/read').flush({}, { status: 500, statusText: 'x' });
    await mark;
    expect(store.markError()?.id).toBe('a');
    expect(store.unread()).toBe(1);
  });

  it('marks all read at once', async () => {
    await loaded();
    const mark = store.markAllRead();
    http
      .expectOne((r) => r.method === 'POST' && r.url === '/api/notifications/read-all')
      .flush(null);
    await mark;
    expect(store.unread()).toBe(0);
  });

  it('shows a failed load', async () => {
    const load = store.load();
    http.expectOne('/api/notifications').flush({}, { status: 404, statusText: 'x' });
    await load;
    expect(store.error()?.statusCode).toBe(404);
    expect(store.loading()).toBe(false);
  });
});
