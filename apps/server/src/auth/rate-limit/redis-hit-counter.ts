import Redis from 'ioredis';
import type { HitCounter } from './rate-limit.store';

/** INCR and set the window's expiry in one round trip, atomically. */
const HIT_SCRIPT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
return {hits, ttl}
`;

/** Counters shared by every instance (scale-out). Keys expire on their own. */
export class RedisHitCounter implements HitCounter {
  private readonly redis: Redis;

  constructor(
    url: string,
    private readonly prefix = 'aniworld:rl:',
  ) {
    this.redis = new Redis(url, {
      lazyConnect: false,
      maxRetriesPerRequest: 2,
      enableOfflineQueue: true,
    });
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
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
