import { Inject, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import {
  type OnGatewayConnection,
  type OnGatewayInit,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';
import {
  type ClientToServerEvents,
  EVENT_ROOMS,
  type ServerToClientEvents,
  SOCKET_ROOMS,
  type SocketRoom,
} from '@aniworld/contracts';
import { SocketAuthenticator } from '../auth/socket-auth';
import { CLOCK, type Clock } from '../common/clock';
import { type DomainEventMap, type DomainEventName, DomainEvents } from '../common/events';
import { ConfigService } from '../config/config.service';
import { type RedisFanout, SOCKET_FANOUT } from './redis-fanout';
import { messageOf } from '../common/errors';

/** What a connection carries besides its rooms (serialisable: the adapter sends it to peers). */
interface SocketData {
  sessionId: string;
}

/** One connection's timer and request chain, kept by its handlers (not in `socket.data`). */
interface Connection {
  /** Ends the connection when its session expires. */
  expiry?: NodeJS.Timeout;
  /** Room requests run one after the other, so answers keep the order of the requests. */
  requests: Promise<void>;
}

type AppServer = Server<ClientToServerEvents, ServerToClientEvents, object, SocketData>;
type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, object, SocketData>;

/** Longest timer Node can hold (about 24.8 days); a later expiry is re-checked then. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The private room of a session's connections: what revocation disconnects. */
const sessionRoom = (sessionId: string) => `session:${sessionId}`;
type Payload<E extends keyof ServerToClientEvents> = Parameters<ServerToClientEvents[E]>[0];

/** The socket event each domain event becomes (the handlers below). */
const SOCKET_EVENT_OF: Partial<Record<DomainEventName, keyof ServerToClientEvents>> = {
  'download.progress': 'download_progress',
  'download.complete': 'download_complete',
  'download.failed': 'download_failed',
  'queue.status': 'queue_status',
  'scan.progress': 'scan_progress',
  'scan.complete': 'scan_complete',
  'scan.failed': 'scan_failed',
  'job.started': 'job_started',
  'job.finished': 'job_finished',
  'notification.created': 'notification',
};

/**
 * The decorator's options are fixed at class definition; the allowed origins are config. The
 * gateway points this at the live setting when it is created (same-origin and non-browser
 * clients send no Origin and are not affected).
 */
let allowedOrigins: () => string[] = () => [];

/**
 * Socket.IO on the server's port at /socket.io. It only transports: the handshake is checked by
 * {@link SocketAuthenticator}, clients join rooms, and domain events become socket events, sent
 * to the room `EVENT_ROOMS` names (others to every connection).
 *
 * Scale-out: with `redis_url` the server gets the Socket.IO Redis adapter ({@link RedisFanout}),
 * so an event raised on one instance reaches the room's clients on every instance. Rooms stay
 * per instance (a socket joins on the instance it is connected to); the adapter publishes each
 * room emit and every instance delivers it to its own members. Without Redis the in-memory adapter
 * serves this instance's clients only.
 *
 * Sessions: each connection also sits in its session's private room (`session:<id>`, not
 * joinable by request). A revoked session (`session.revoked`: logout, password change) has that
 * room disconnected, on every instance through the adapter; a timer per connection ends the
 * connection when the session expires, and every join re-checks the session first.
 */
@WebSocketGateway({
  path: '/socket.io',
  cors: {
    credentials: true,
    origin: (origin: string | undefined, done: (error: Error | null, allow?: boolean) => void) =>
      done(null, !origin || allowedOrigins().includes(origin)),
  },
})
export class EventsGateway implements OnGatewayInit<AppServer>, OnGatewayConnection<AppSocket> {
  private readonly logger = new Logger(EventsGateway.name);

  @WebSocketServer()
  server!: AppServer;

  constructor(
    private readonly authenticator: SocketAuthenticator,
    config: ConfigService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SOCKET_FANOUT) private readonly fanout: RedisFanout | null,
    private readonly events: DomainEvents,
  ) {
    allowedOrigins = () => config.config.server.cors_origins;
  }

  afterInit(server: AppServer): void {
    // Before listening, so no socket is ever in the in-memory adapter this replaces.
    if (this.fanout) server.adapter(this.fanout.adapter());
    this.events.setAudience((name) => this.hasAudience(name));
    server.use((socket, next) => {
      this.authenticator.authenticate(socket.handshake).then(
        (session) => {
          socket.data.sessionId = session.id;
          next();
        },
        (error: unknown) => {
          this.logger.warn({
            msg: 'socket refused',
            socket_id: socket.id,
            reason: messageOf(error),
          });
          next(new Error(messageOf(error)));
        },
      );
    });
  }

  async handleConnection(client: AppSocket): Promise<void> {
    const connection: Connection = { requests: Promise.resolve() };
    client.on('disconnect', () => clearTimeout(connection.expiry));
    client.on('message', (request) => {
      connection.requests = connection.requests.then(() =>
        this.onMessage(client, connection, request),
      );
    });
    await client.join(sessionRoom(client.data.sessionId));
    // Revoked between the handshake and the join: the revocation's disconnect missed this one.
    if (!(await this.recheck(client, connection))) return;
    client.emit('connected', {
      message: `Connected. Join a room with {action: 'join', data: {room}}: ${SOCKET_ROOMS.join(', ')}`,
      rooms: [...SOCKET_ROOMS],
    });
  }

  /** Logout and password changes end the sessions' connections, on every instance. */
  @OnEvent('session.revoked')
  onSessionRevoked(event: DomainEventMap['session.revoked']): void {
    if (!this.server || !event.session_ids.length) return;
    this.server.in(event.session_ids.map(sessionRoom)).disconnectSockets(true);
  }

  @OnEvent('download.progress')
  onDownloadProgress(event: DomainEventMap['download.progress']): void {
    this.send('download_progress', event);
  }

  @OnEvent('download.complete')
  onDownloadComplete(event: DomainEventMap['download.complete']): void {
    this.send('download_complete', event);
  }

  @OnEvent('download.failed')
  onDownloadFailed(event: DomainEventMap['download.failed']): void {
    this.send('download_failed', event);
  }

  @OnEvent('queue.status')
  onQueueStatus(event: DomainEventMap['queue.status']): void {
    this.send('queue_status', event);
  }

  @OnEvent('scan.progress')
  onScanProgress(event: DomainEventMap['scan.progress']): void {
    this.send('scan_progress', event);
  }

  @OnEvent('scan.complete')
  onScanComplete(event: DomainEventMap['scan.complete']): void {
    this.send('scan_complete', event);
  }

  @OnEvent('scan.failed')
  onScanFailed(event: DomainEventMap['scan.failed']): void {
    this.send('scan_failed', event);
  }

  @OnEvent('job.started')
  onJobStarted(event: DomainEventMap['job.started']): void {
    this.send('job_started', event);
  }

  @OnEvent('job.finished')
  onJobFinished(event: DomainEventMap['job.finished']): void {
    this.send('job_finished', event);
  }

  @OnEvent('notification.created')
  onNotification(event: DomainEventMap['notification.created']): void {
    this.send('notification', event);
  }

  /**
   * Whether a domain event would reach a client. With the Redis fan-out the rooms of the other
   * instances are unknown here, so yes; otherwise only when its room has a member on this
   * instance (events without a room go to every connection).
   */
  private hasAudience(name: DomainEventName): boolean {
    if (this.fanout || !this.server) return true;
    const event = SOCKET_EVENT_OF[name];
    const room = event ? EVENT_ROOMS[event] : undefined;
    if (!room) return this.server.sockets.sockets.size > 0;
    return (this.server.sockets.adapter.rooms.get(room)?.size ?? 0) > 0;
  }

  private send<E extends keyof ServerToClientEvents>(event: E, payload: Payload<E>): void {
    // Events raised before the server is up (or after it closed) have nobody to go to.
    if (!this.server) return;
    const room = EVENT_ROOMS[event];
    const target = room ? this.server.to(room) : this.server;
    (target.emit as (name: E, data: Payload<E>) => boolean)(event, payload);
  }

  private async onMessage(
    client: AppSocket,
    connection: Connection,
    request: unknown,
  ): Promise<void> {
    const { action, room } = parseRoomRequest(request);
    if (!action || !room) {
      client.emit('error', {
        message: `Unknown request: send {action: 'join' | 'leave', data: {room}} with room one of ${SOCKET_ROOMS.join(', ')}`,
      });
      return;
    }
    if (action === 'leave') return client.leave(room);
    // A join is checked against the session as it is now, not as it was at the handshake.
    if (await this.recheck(client, connection)) await client.join(room);
  }

  /**
   * Whether the connection's session is still live; if not, it is told why and disconnected.
   * While live, the connection is set to end when the session expires.
   */
  private async recheck(client: AppSocket, connection: Connection): Promise<boolean> {
    try {
      const session = await this.authenticator.stillLive(client.data.sessionId);
      clearTimeout(connection.expiry);
      if (!client.connected) return false;
      const delay = session.expiresAt.getTime() - this.clock.now();
      connection.expiry = setTimeout(
        () => void this.recheck(client, connection),
        Math.max(0, Math.min(delay, MAX_TIMER_MS)),
      );
      connection.expiry.unref();
      return true;
    } catch (error) {
      this.logger.log({
        msg: 'socket closed',
        socket_id: client.id,
        session: client.data.sessionId,
        reason: messageOf(error),
      });
      client.emit('error', { message: `${messageOf(error)}: log in again` });
      client.disconnect(true);
      return false;
    }
  }
}

function parseRoomRequest(request: unknown): {
  action: 'join' | 'leave' | null;
  room: SocketRoom | null;
} {
  const r = (request ?? {}) as { action?: unknown; data?: { room?: unknown } };
  const action = r.action === 'join' || r.action === 'leave' ? r.action : null;
  const room = (SOCKET_ROOMS as readonly unknown[]).includes(r.data?.room)
    ? (r.data?.room as SocketRoom)
    : null;
  return { action, room };
}
