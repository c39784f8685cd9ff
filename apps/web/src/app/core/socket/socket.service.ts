import { DestroyRef, Injectable, InjectionToken, effect, inject, signal } from '@angular/core';
import type { ClientToServerEvents, ServerToClientEvents, SocketRoom } from '@aniworld/contracts';
import { Observable, Subject, filter, map } from 'rxjs';
import { type ManagerOptions, type Socket, type SocketOptions, io } from 'socket.io-client';
import { AuthTokenStore } from '../auth/auth-token.store';

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type ServerEvent = keyof ServerToClientEvents;
export type EventPayload<E extends ServerEvent> = Parameters<ServerToClientEvents[E]>[0];

/** Creates the socket; tests provide a fake. */
export const SOCKET_FACTORY = new InjectionToken<
  (options: Partial<ManagerOptions & SocketOptions>) => AppSocket
>('SOCKET_FACTORY', {
  providedIn: 'root',
  factory: () => (options) => io(options),
});

/**
 * The one Socket.IO connection, typed by the contracts' event maps. It follows the session: it
 * connects while there is a token (sending the current one on every reconnect), re-joins the rooms
 * stores asked for, and closes on logout. Stores subscribe with `on(event)`.
 */
@Injectable({ providedIn: 'root' })
export class SocketService {
  private readonly tokens = inject(AuthTokenStore);
  private readonly factory = inject(SOCKET_FACTORY);
  private readonly events = new Subject<{ event: string; payload: unknown }>();
  private readonly rooms = new Set<SocketRoom>();
  private socket: AppSocket | null = null;

  readonly connected = signal(false);

  constructor() {
    effect(() => {
      if (this.tokens.token()) this.open();
      else this.close();
    });
    inject(DestroyRef).onDestroy(() => this.close());
  }

  on<E extends ServerEvent>(event: E): Observable<EventPayload<E>> {
    return this.events.pipe(
      filter((e) => e.event === event),
      map((e) => e.payload as EventPayload<E>),
    );
  }

  /** Joins a room now and after every reconnect. */
  join(room: SocketRoom): void {
    if (this.rooms.has(room)) return;
    this.rooms.add(room);
    if (this.socket?.connected) this.socket.emit('message', { action: 'join', data: { room } });
  }

  leave(room: SocketRoom): void {
    if (!this.rooms.delete(room)) return;
    if (this.socket?.connected) this.socket.emit('message', { action: 'leave', data: { room } });
  }

  private open(): void {
    if (this.socket) {
      if (!this.socket.connected) this.socket.connect();
      return;
    }
    const socket = this.factory({
      path: '/socket.io',
      autoConnect: false,
      // A function, so each reconnect sends the token current at that moment.
      auth: (send) => send({ token: this.tokens.token() }),
    });
    socket.on('connect', () => {
      this.connected.set(true);
      for (const room of this.rooms) socket.emit('message', { action: 'join', data: { room } });
    });
    socket.on('disconnect', () => this.connected.set(false));
    socket.onAny((event: string, payload: unknown) => this.events.next({ event, payload }));
    this.socket = socket;
    socket.connect();
  }

  private close(): void {
    this.socket?.disconnect();
    this.socket = null;
    this.connected.set(false);
  }
}
