import { Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { connectAtStart, redisTarget } from '../../config/redis-at-start';
import type { HitCounter } from './rate-limit.store';

/** INCR and set the window's expiry in one round trip, atomically. */
const HIT_SCRIPT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
return {hits, ttl}
`;

/**
 * Counters shared by every instance (scale-out). Keys expire on their own. The start fails when
 * Redis cannot be reached (see `openWithRedis`); a later outage is logged once, and while it
 * lasts the counting requests fail (rate limits are not skipped) until Redis is back.
 */
export class RedisHitCounter implements HitCounter {
  private readonly logger = new Logger(RedisHitCounter.name);
  private readonly redis: Redis;
  /** Key prefix: the Redis database number in it, like the socket fan-out's channel. */
  readonly prefix: string;
  private started = false;
  private down = false;
  private closing = false;

  private constructor(url: string, prefix: string | undefined) {
    this.redis = new Redis(url, {
      // Connected at start, where a failure stops the start instead of retrying in the background.
      lazyConnect: true,
      maxRetriesPerRequest: 2,
      enableOfflineQueue: true,
      connectionName: 'aniworld-rate-limit',
    });
    this.prefix = prefix ?? `aniworld:rl:${this.redis.options.db ?? 0}:`;
    // Without an 'error' listener ioredis prints every failed reconnect attempt.
    this.redis.on('error', (error: Error) => this.onDown(error.message));
    // A Redis that shuts down or restarts closes the connection without an error.
    this.redis.on('close', () => this.onDown('connection closed'));
    this.redis.on('ready', () => this.onReady());
  }

  /** Connects, or rejects with the reason. `prefix` is for tests (one per run on a shared Redis). */
  static async connect(url: string, prefix?: string): Promise<RedisHitCounter> {
    const counter = new RedisHitCounter(url, prefix);
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
    const [hits, ttl] = (await this.redis.eval(HIT_SCRIPT, 1, this.prefix + key, windowMs)) as [
      number,
      number,
    ];
    return { hits, resetInMs: ttl > 0 ? ttl : windowMs };
  }

  async block(key: string, ms: number): Promise<void> {
    await this.redis.set(`${this.prefix}block:${key}`, '1', 'PX', ms);
  }

  async blockedFor(key: string): Promise<number> {
    const ttl = await this.redis.pttl(`${this.prefix}block:${key}`);
    return ttl > 0 ? ttl : 0;
  }

  async reset(key: string): Promise<void> {
    await this.redis.del(this.prefix + key, `${this.prefix}block:${key}`);
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private onDown(reason: string): void {
    if (!this.started || this.closing || this.down) return;
    this.down = true;
    this.logger.error({
      msg: 'redis unreachable: requests that count against a rate limit fail until it is back',
      redis: this.target,
      error: reason,
    });
  }

  private onReady(): void {
    if (!this.down) return;
    this.down = false;
    this.logger.log({ msg: 'redis reachable again: rate limits work again', redis: this.target });
  }
}
