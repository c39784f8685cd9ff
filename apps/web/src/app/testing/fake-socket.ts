import { signal } from '@angular/core';
import type { ServerToClientEvents, SocketRoom } from '@aniworld/contracts';
import { Subject, filter, map } from 'rxjs';
import type { AppSocket, EventPayload, ServerEvent } from '../core/socket/socket.service';

type Listener = (...args: unknown[]) => void;

/** The slice of a socket.io-client socket the socket service uses, driven by the test. */
export class FakeSocket {
  connected = false;
  connectCalls = 0;
  readonly emitted: { event: string; payload: unknown }[] = [];
  private readonly listeners = new Map<string, Listener[]>();
  private readonly anyListeners: Listener[] = [];

  constructor(readonly options: Record<string, unknown>) {}

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  onAny(listener: Listener): this {
    this.anyListeners.push(listener);
    return this;
  }

  emit(event: string, payload: unknown): this {
    this.emitted.push({ event, payload });
    return this;
  }

  connect(): this {
    this.connectCalls++;
    return this;
  }

  disconnect(): this {
    if (this.connected) {
      this.connected = false;
      this.fire('disconnect');
    }
    return this;
  }

  /** What the handshake would send now. */
  authPayload(): unknown {
    let sent: unknown;
    (this.options['auth'] as (cb: (data: unknown) => void) => void)((data) => (sent = data));
    return sent;
  }

  simulateConnect(): void {
    this.connected = true;
    this.fire('connect');
  }

  serverEmit<E extends keyof ServerToClientEvents>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.anyListeners) listener(event, payload);
  }

  private fire(event: string): void {
    for (const listener of this.listeners.get(event) ?? []) listener();
  }

  asSocket(): AppSocket {
    return this as unknown as AppSocket;
  }
}

/** Stands in for SocketService in store tests: `emit` plays a server event. */
export class FakeSocketService {
  readonly connected = signal(true);
  readonly rooms = new Set<SocketRoom>();
  private readonly events = new Subject<{ event: string; payload: unknown }>();

  on<E extends ServerEvent>(event: E) {
    return this.events.pipe(
      filter((e) => e.event === event),
      map((e) => e.payload as EventPayload<E>),
    );
  }

  join(room: SocketRoom): void {
    this.rooms.add(room);
  }

  leave(room: SocketRoom): void {
    this.rooms.delete(room);
  }

  emit<E extends ServerEvent>(event: E, payload: EventPayload<E>): void {
    this.events.next({ event, payload });
  }
}
