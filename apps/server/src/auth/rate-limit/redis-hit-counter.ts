import { Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { type Clock, systemClock } from '../../common/clock';
import { connectAtStart, redisTarget } from '../../config/redis-at-start';
import { type HitCounter, MemoryHitCounter } from './rate-limit.store';
import { messageOf } from '../../common/errors';

/** INCR and set the window's expiry in one round trip, atomically. */
const HIT_SCRIPT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
return {hits, ttl}
`;

/**
 * The longest a request waits for Redis before it is counted in memory. These commands take well
 * under a millisecond; a Redis that takes this long is hung or cut off.
 */
const REPLY_TIMEOUT_MS = 500;

/**
 * Counters shared by every instance (scale-out). Keys expire on their own. The start fails when
 * Redis cannot be reached (see `openWithRedis`). Later, while Redis cannot answer, this instance
 * counts in memory on its own (limits and lockouts then hold per instance) instead of failing
 * the request, and counts through Redis again once it answers; the counts are not merged. The
 * outage is logged once.
 */
export class RedisHitCounter implements HitCounter {
  private readonly logger = new Logger(RedisHitCounter.name);
  private readonly redis: Redis;
  /** This instance's counts while Redis cannot answer. */
  private readonly local: MemoryHitCounter;
  /** Key prefix: the Redis database number in it, like the socket fan-out's channel. */
  readonly prefix: string;
  private started = false;
  private down = false;
  private closing = false;

  private constructor(url: string, clock: Clock, prefix: string | undefined) {
    this.local = new MemoryHitCounter(clock);
    this.redis = new Redis(url, {
      // Connected at start, where a failure stops the start instead of retrying in the background.
      lazyConnect: true,
      // No request waits for a reconnect: while the connection is down a command fails at once,
      // and one in flight when it drops fails with it instead of being sent again afterwards
      // (the hit has been counted in memory by then).
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      autoResendUnfulfilledCommands: false,
      // A Redis that takes commands and never answers (hung, or cut off without the connection
      // closing): the command gives up, and the connection is dropped and made again, so the
      // requests after it go to memory at once until Redis answers again.
      commandTimeout: REPLY_TIMEOUT_MS,
      socketTimeout: REPLY_TIMEOUT_MS,
      connectionName: 'aniworld-rate-limit',
    });
    this.prefix = prefix ?? `aniworld:rl:${this.redis.options.db ?? 0}:`;
    // Without an 'error' listener ioredis prints every failed reconnect attempt.
    this.redis.on('error', (error: Error) => this.onDown(error.message));
    // A Redis that shuts down or restarts closes the connection without an error.
    this.redis.on('close', () => this.onDown('connection closed'));
    this.redis.on('ready', () => this.onUp());
  }

  /**
   * Connects, or rejects with the reason. `clock` drives the in-memory counts of an outage;
   * `prefix` is for tests (one per run on a shared Redis).
   */
  static async connect(
    url: string,
    options: { clock?: Clock; prefix?: string } = {},
  ): Promise<RedisHitCounter> {
    const counter = new RedisHitCounter(url, options.clock ?? systemClock, options.prefix);
    await connectAtStart([counter.redis]);
    counter.started = true;
    counter.logger.log({
      msg: 'rate limits and login lockouts are shared through redis',
      redis: counter.target,
      prefix: counter.prefix,
    });
    return counter;
  }

  /** Where the connection goes, without credentials (for logs and errors). */
  get target(): string {
    return redisTarget(this.redis);
  }

  get connected(): boolean {
    return this.redis.status === 'ready';
  }

  async hit(key: string, windowMs: number): Promise<{ hits: number; resetInMs: number }> {
    return this.shared(
      async () => {
        const [hits, ttl] = (await this.redis.eval(HIT_SCRIPT, 1, this.prefix + key, windowMs)) as [
          number,
          number,
        ];
        return { hits, resetInMs: ttl > 0 ? ttl : windowMs };
      },
      () => this.local.hit(key, windowMs),
    );
  }

  async block(key: string, ms: number): Promise<void> {
    await this.shared(
      async () => {
        await this.redis.set(`${this.prefix}block:${key}`, '1', 'PX', ms);
      },
      () => this.local.block(key, ms),
    );
  }

  async blockedFor(key: string): Promise<number> {
    // A lockout made in memory during an outage lasts its full time on this instance, even when
    // Redis is back meanwhile.
    const local = await this.local.blockedFor(key);
    const shared = await this.shared(
      async () => Math.max(0, await this.redis.pttl(`${this.prefix}block:${key}`)),
      () => 0,
    );
    return Math.max(local, shared);
  }

  async reset(key: string): Promise<void> {
    await this.local.reset(key);
    await this.shared(
      async () => {
        await this.redis.del(this.prefix + key, `${this.prefix}block:${key}`);
      },
      () => undefined,
    );
  }

  async close(): Promise<void> {
    this.closing = true;
    // QUIT fails at once when the connection is down (no offline queue); then just drop it.
    await this.redis.quit().catch(() => this.redis.disconnect());
    await this.local.close();
  }

  /** Through Redis while it answers, else in this instance's memory. */
  private async shared<T>(remote: () => Promise<T>, local: () => T | Promise<T>): Promise<T> {
    // Not connected: the command would fail at once; skip it.
    if (!this.connected) return local();
    try {
      const result = await remote();
      // An error reply (READONLY after a failover, OOM) ends without a reconnect.
      this.onUp();
      return result;
    } catch (error) {
      this.onDown(messageOf(error));
      return local();
    }
  }

  private onDown(reason: string): void {
    if (!this.started || this.closing || this.down) return;
    this.down = true;
    this.logger.error({
      msg: 'redis unreachable: rate limits and login lockouts count on each instance alone until it is back',
      redis: this.target,
      error: reason,
    });
  }

  private onUp(): void {
    if (!this.down) return;
    this.down = false;
    this.logger.log({
      msg: 'redis reachable again: rate limits and login lockouts are shared again',
      redis: this.target,
    });
  }
}
