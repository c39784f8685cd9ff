import { Logger } from '@nestjs/common';
import { createAdapter } from '@socket.io/redis-adapter';
import Redis from 'ioredis';
import { connectAtStart, redisTarget } from '../config/redis-at-start';

type AdapterFactory = ReturnType<typeof createAdapter>;

/**
 * A connection whose failed commands never become unhandled rejections. The Socket.IO adapter
 * publishes and (un)subscribes without awaiting, so during a Redis outage its dropped promises
 * would otherwise reject unobserved and end the process.
 */
class FanoutConnection extends Redis {
  constructor(
    url: string,
    role: 'pub' | 'sub',
    private readonly onCommandFailed: (command: string) => void,
  ) {
    super(url, {
      // Connected explicitly at start, so the constructor sends nothing before the field above is set.
      lazyConnect: true,
      // While Redis is away an event reaches only this instance's clients: a backlog would grow
      // without bound and replay stale progress afterwards.
      enableOfflineQueue: false,
      connectionName: `aniworld-socket-${role}`,
    });
  }

  override sendCommand(...args: Parameters<Redis['sendCommand']>): unknown {
    args[0].promise.catch(() => this.onCommandFailed(args[0].name));
    return super.sendCommand(...args);
  }
}

/**
 * Socket.IO events of every instance, through Redis pub/sub: one connection publishes, one
 * (subscribed, so good for nothing else) receives. The start fails when Redis cannot be reached;
 * a later outage is logged once, costs only the other instances' copies of the events raised
 * meanwhile, and ends by itself when Redis is back (subscriptions are restored on reconnect).
 */
export class RedisFanout {
  private readonly logger = new Logger(RedisFanout.name);
  private readonly pub: FanoutConnection;
  private readonly sub: FanoutConnection;
  /** Redis channel prefix of the adapter. */
  readonly channel: string;
  private started = false;
  private down = false;
  private closing = false;
  private unpublished = 0;

  private constructor(url: string, channel: string | undefined) {
    // Other commands may fail too (unsubscribing at shutdown, CLIENT SETINFO on Redis < 7.2);
    // they cost nothing. A lost publish is an event the other instances' clients miss.
    const failed = (command: string) => {
      if (command === 'publish') this.unpublished++;
    };
    this.pub = new FanoutConnection(url, 'pub', failed);
    this.sub = new FanoutConnection(url, 'sub', failed);
    // Pub/sub ignores the database number: without it in the channel, deployments that share a
    // Redis server on different databases would see each other's events.
    this.channel = channel ?? `aniworld:socket.io:${this.pub.options.db ?? 0}`;
    for (const connection of [this.pub, this.sub]) {
      connection.on('error', (error: Error) => this.onDown(error.message));
      // A Redis that shuts down or restarts closes the connection without an error.
      connection.on('close', () => this.onDown('connection closed'));
      connection.on('ready', () => this.onReady());
    }
  }

  /** Where the connections go, without credentials (for logs and errors). */
  get target(): string {
    return redisTarget(this.pub);
  }

  /** Connects both connections, or rejects with the reason. `channel` is for tests. */
  static async connect(url: string, channel?: string): Promise<RedisFanout> {
    const fanout = new RedisFanout(url, channel);
    await connectAtStart([fanout.pub, fanout.sub]);
    fanout.started = true;
    fanout.logger.log({
      msg: 'socket events fan out through redis',
      redis: fanout.target,
      channel: fanout.channel,
    });
    return fanout;
  }

  /** Whether both connections are up (events fan out). */
  get connected(): boolean {
    return this.pub.status === 'ready' && this.sub.status === 'ready';
  }

  /** For `server.adapter(...)`: broadcasts and room emits then reach every instance. */
  adapter(): AdapterFactory {
    return createAdapter(this.pub, this.sub, { key: this.channel });
  }

  async close(): Promise<void> {
    this.closing = true;
    // QUIT fails at once when the connection is down (no offline queue); then just drop it.
    await Promise.all(
      [this.pub, this.sub].map((c) =>
        c.quit().then(
          () => undefined,
          () => c.disconnect(),
        ),
      ),
    );
  }

  private onDown(reason: string): void {
    if (!this.started || this.closing || this.down) return;
    this.down = true;
    this.logger.error({
      msg: 'redis unreachable: socket events reach only the clients of this instance until it is back',
      redis: this.target,
      error: reason,
    });
  }

  private onReady(): void {
    if (!this.down || !this.connected) return;
    this.down = false;
    this.logger.log({
      msg: 'redis reachable again: socket events fan out to every instance',
      redis: this.target,
      events_not_fanned_out: this.unpublished,
    });
    this.unpublished = 0;
  }
}

/** Injection token of the {@link RedisFanout}, or null without `redis_url` (one instance). */
export const SOCKET_FANOUT = Symbol('SOCKET_FANOUT');
