import { Logger, type LoggerService } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import {
  freePort,
  type PrivateRedis,
  redisServerAvailable,
  startRedisServer,
} from '@aniworld/testing';
import { waitUntil } from '../../../test/helpers/wait';
import { FakeClock } from '../../../test/helpers/fake-clock';
import { serviceAvailable } from '../../../test/helpers/services';
import { type HitCounter, MemoryHitCounter } from './rate-limit.store';
import { RedisHitCounter } from './redis-hit-counter';

const REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/** What the counter logs, through Nest's logger as in the app. */
class Recorded implements LoggerService {
  readonly lines: { level: string; msg: string }[] = [];
  log = (message: unknown) => this.add('log', message);
  error = (message: unknown) => this.add('error', message);
  warn = (message: unknown) => this.add('warn', message);
  private add(level: string, message: unknown): void {
    const msg = (message as { msg?: unknown }).msg;
    this.lines.push({ level, msg: typeof msg === 'string' ? msg : String(message) });
  }
  clear(): void {
    this.lines.length = 0;
  }
  count(level: string, start: string): number {
    return this.lines.filter((l) => l.level === level && l.msg.startsWith(start)).length;
  }
}

const logs = new Recorded();
// The counters' logs go here, not to the console (this file has its own module registry).
Logger.overrideLogger(logs);

/** The same behaviour from the in-process counter and the Redis one that several instances share. */
describe.each([
  ['memory', true, () => new MemoryHitCounter(new FakeClock())],
  [
    'redis',
    serviceAvailable('redis', REDIS_URL, 6379),
    () => RedisHitCounter.connect(REDIS_URL, { prefix: `aniworld:test:${randomUUID()}:` }),
  ],
] as const)('%s hit counter (medium)', (_name, available, create) => {
  const maybe = available ? it : it.skip;
  let counter: HitCounter;
  beforeEach(async () => {
    if (available) counter = await create();
  });
  afterEach(async () => {
    if (available) await counter.close();
  });

  maybe('counts hits within a window and says when it resets', async () => {
    expect((await counter.hit('ip-1', 60_000)).hits).toBe(1);
    const second = await counter.hit('ip-1', 60_000);
    expect(second.hits).toBe(2);
    expect(second.resetInMs).toBeGreaterThan(50_000);
    expect(second.resetInMs).toBeLessThanOrEqual(60_000);
    expect((await counter.hit('ip-2', 60_000)).hits).toBe(1);
  });

  maybe('blocks and resets a key', async () => {
    expect(await counter.blockedFor('ip-3')).toBe(0);
    await counter.block('ip-3', 900_000);
    expect(await counter.blockedFor('ip-3')).toBeGreaterThan(800_000);
    await counter.reset('ip-3');
    expect(await counter.blockedFor('ip-3')).toBe(0);
  });
});

describe('redis hit counter across instances (medium)', () => {
  const maybe = serviceAvailable('redis', REDIS_URL, 6379) ? it : it.skip;

  maybe(
    'shares counts and blocks between two instances, as rate limits must when scaled out',
    async () => {
      const prefix = `aniworld:test:${randomUUID()}:`;
      const a = await RedisHitCounter.connect(REDIS_URL, { prefix });
      const b = await RedisHitCounter.connect(REDIS_URL, { prefix });
      try {
        await a.hit('shared', 60_000);
        expect((await b.hit('shared', 60_000)).hits).toBe(2);
        await a.block('locked', 60_000);
        expect(await b.blockedFor('locked')).toBeGreaterThan(0);
      } finally {
        await a.close();
        await b.close();
      }
    },
  );
});

describe('redis hit counter start (medium)', () => {
  it('refuses to start with the reason when Redis cannot be reached, as the socket fan-out does', async () => {
    const port = await freePort();
    await expect(RedisHitCounter.connect(`redis://127.0.0.1:${port}/3`)).rejects.toThrow(
      `Redis at 127.0.0.1:${port}/3 is not reachable (connect ECONNREFUSED 127.0.0.1:${port}).`,
    );
  });
});

/** On a Redis of the test's own, which it kills and restarts. */
(redisServerAvailable() ? describe : describe.skip)(
  'redis hit counter on a private Redis (medium)',
  () => {
    let redis: PrivateRedis;

    beforeAll(async () => {
      redis = await startRedisServer();
    });

    afterAll(async () => {
      await redis.kill();
    });

    beforeEach(() => logs.clear());

    it('names its keys after the Redis database, so deployments on other databases stay apart', async () => {
      const counter = await RedisHitCounter.connect(`${redis.url}/2`);
      const probe = new Redis(`${redis.url}/2`);
      try {
        expect(counter.prefix).toBe('aniworld:rl:2:');
        await counter.hit('auth:login:127.0.0.1', 60_000);
        expect(await probe.keys('*')).toEqual(['aniworld:rl:2:auth:login:127.0.0.1']);
      } finally {
        probe.disconnect();
        await counter.close();
      }
    });

    it('counts in memory through an outage, logged once, and through Redis again once it is back', async () => {
      const clock = new FakeClock();
      const prefix = `aniworld:test:${randomUUID()}:`;
      const counter = await RedisHitCounter.connect(redis.url, { clock, prefix });
      try {
        expect((await counter.hit('k', 60_000)).hits).toBe(1);
        await redis.kill();
        await waitUntil(() => !counter.connected, 'the counter to notice the outage');

        // Answered, not failed: this instance counts alone, from zero, and its limits hold.
        for (let i = 1; i <= 5; i++) expect((await counter.hit('k', 60_000)).hits).toBe(i);
        await counter.block('ip', 900_000);
        expect(await counter.blockedFor('ip')).toBeGreaterThan(800_000);
        clock.advance(60_000);
        expect((await counter.hit('k', 60_000)).hits).toBe(1);
        expect(logs.count('error', 'redis unreachable')).toBe(1);

        redis = await startRedisServer(redis.port);
        await waitUntil(() => counter.connected, 'the counter to reconnect');
        const probe = new Redis(redis.url);
        try {
          // A fresh server, so the window starts again: counted there, not in memory (which says 2).
          expect((await counter.hit('k', 60_000)).hits).toBe(1);
          expect(await probe.get(`${prefix}k`)).toBe('1');
          // The lockout made during the outage holds here until its end (the fresh Redis has none).
          expect(await counter.blockedFor('ip')).toBeGreaterThan(0);
          await counter.reset('ip');
          expect(await counter.blockedFor('ip')).toBe(0);
        } finally {
          probe.disconnect();
        }
        expect(logs.count('log', 'redis reachable again')).toBe(1);
        expect(logs.count('error', 'redis unreachable')).toBe(1);
      } finally {
        await counter.close();
      }
    }, 30_000);

    it('gives up on a Redis that stops answering and counts in memory until it answers again', async () => {
      const counter = await RedisHitCounter.connect(redis.url, {
        prefix: `aniworld:test:${randomUUID()}:`,
      });
      try {
        await counter.hit('k', 60_000);
        expect((await counter.hit('k', 60_000)).hits).toBe(2);
        redis.pause();
        // Without a reply timeout this waits for as long as Redis is stopped.
        expect((await counter.hit('k', 60_000)).hits).toBe(1);
        await waitUntil(() => !counter.connected, 'the counter to drop the silent connection');
        expect((await counter.hit('k', 60_000)).hits).toBe(2);

        redis.resume();
        await waitUntil(() => counter.connected, 'the counter to reconnect');
        // Through Redis again: memory would say 3. (Redis may also have run the hit it was sent
        // while stopped.)
        expect((await counter.hit('k', 60_000)).hits).toBeGreaterThanOrEqual(3);
        // Once, however many reconnect attempts timed out meanwhile.
        expect(logs.count('error', 'redis unreachable')).toBe(1);
        expect(logs.count('log', 'redis reachable again')).toBe(1);
      } finally {
        redis.resume();
        await counter.close();
      }
    }, 30_000);
  },
);
