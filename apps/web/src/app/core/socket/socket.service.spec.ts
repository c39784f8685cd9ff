import { TestBed } from '@angular/core/testing';
import type { DownloadProgressEvent } from '@aniworld/contracts';
import { FakeSocket } from '../../testing/fake-socket';
import { AuthTokenStore } from '../auth/auth-token.store';
import { SOCKET_FACTORY, SocketService } from './socket.service';

describe('SocketService', () => {
  let sockets: FakeSocket[];
  let tokens: AuthTokenStore;

  beforeEach(() => {
    localStorage.clear();
    sockets = [];
    TestBed.configureTestingModule({
      providers: [
        {
          provide: SOCKET_FACTORY,
          useValue: (options: Record<string, unknown>) => {
            const socket = new FakeSocket(options);
            sockets.push(socket);
            return socket.asSocket();
          },
        },
      ],
    });
    tokens = TestBed.inject(AuthTokenStore);
  });

  function start(): SocketService {
    const service = TestBed.inject(SocketService);
    TestBed.tick();
    return service;
  }

  it('stays offline without a session', () => {
    start();
    expect(sockets).toHaveLength(0);
  });

  it('connects once logged in, sending the token current at each handshake', () => {
    tokens.set('first');
    start();
    expect(sockets).toHaveLength(1);
    const socket = sockets[0];
    expect(socket.options).toMatchObject({ path: '/socket.io', autoConnect: false });
    expect(socket.connectCalls).toBe(1);
    expect(socket.authPayload()).toEqual({ token: 'first' });
    tokens.set('second');
    TestBed.tick();
    expect(socket.authPayload()).toEqual({ token: 'second' });
  });

  it('joins rooms on connect, again after a reconnect, and at once when already connected', () => {
    tokens.set('jwt');
    const service = start();
    const socket = sockets[0];
    service.join('downloads');
    expect(socket.emitted).toEqual([]);
    socket.simulateConnect();
    expect(service.connected()).toBe(true);
    expect(socket.emitted).toEqual([
      { event: 'message', payload: { action: 'join', data: { room: 'downloads' } } },
    ]);
    service.join('scan_progress');
    expect(socket.emitted.at(-1)).toEqual({
      event: 'message',
      payload: { action: 'join', data: { room: 'scan_progress' } },
    });
    socket.disconnect();
    expect(service.connected()).toBe(false);
    socket.emitted.length = 0;
    socket.simulateConnect();
    expect(socket.emitted.map((e) => (e.payload as { data: { room: string } }).data.room)).toEqual([
      'downloads',
      'scan_progress',
    ]);
    service.leave('downloads');
    expect(socket.emitted.at(-1)).toEqual({
      event: 'message',
      payload: { action: 'leave', data: { room: 'downloads' } },
    });
  });

  it('hands each subscriber only the events it asked for', () => {
    tokens.set('jwt');
    const service = start();
    const progress: DownloadProgressEvent[] = [];
    const completes: string[] = [];
    service.on('download_progress').subscribe((e) => progress.push(e));
    service.on('download_complete').subscribe((e) => completes.push(e.download_id));
    const event: DownloadProgressEvent = {
      download_id: 'q1',
      key: 'frieren',
      folder: null,
      series_name: 'Frieren',
      season: 1,
      episode: 2,
      percent: 50,
      speed_mbps: 3,
      eta_seconds: 10,
      bytes: { done: 5, total: 10 },
      hoster: 'VOE',
      language: 'german-dub',
    };
    sockets[0].serverEmit('download_progress', event);
    expect(progress).toEqual([event]);
    expect(completes).toEqual([]);
  });

  it('closes on logout and opens a fresh connection on the next login', () => {
    tokens.set('jwt');
    const service = start();
    sockets[0].simulateConnect();
    tokens.clear();
    TestBed.tick();
    expect(sockets[0].connected).toBe(false);
    expect(service.connected()).toBe(false);
    tokens.set('again');
    TestBed.tick();
    expect(sockets).toHaveLength(2);
    expect(sockets[1].authPayload()).toEqual({ token: 'again' });
  });
});
