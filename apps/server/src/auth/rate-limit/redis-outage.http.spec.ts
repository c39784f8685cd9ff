import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import request from 'supertest';
import { type PrivateRedis, redisServerAvailable, startRedisServer } from '@aniworld/testing';
import { FakeClock } from '../../../test/helpers/fake-clock';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../../test/helpers/test-app';
import { waitUntil } from '../../../test/helpers/wait';
import { HIT_COUNTER } from '../auth.tokens';
import type { RedisHitCounter } from './redis-hit-counter';

const MINUTE = 60_000;

/**
 * The app with REDIS_URL on a Redis of the test's own that it kills and restarts: while Redis is
 * away requests are answered and the limits hold on this instance; afterwards they count in Redis.
 */
(redisServerAvailable() ? describe : describe.skip)(
  'rate limits through a Redis outage (HTTP, real Redis)',
  () => {
    const prefix = `aniworld:test:${randomUUID()}:`;
    let redis: PrivateRedis;
    let t: TestApp;
    let clock: FakeClock;
    let counter: RedisHitCounter;

    beforeAll(async () => {
      redis = await startRedisServer();
      clock = new FakeClock();
      t = await startTestApp({ REDIS_URL: redis.url }, { clock, rateLimitPrefix: prefix });
      counter = t.app.get<symbol, RedisHitCounter>(HIT_COUNTER);
    });

    afterAll(async () => {
      await t?.close();
      await redis?.kill();
    });

    const login = (password: string) => request(t.url).post('/api/auth/login').send({ password });

    it('answers during the outage, still limits logins from memory, and counts in Redis again afterwards', async () => {
      const token = await t.setUp();
      await redis.kill();
      await waitUntil(() => !counter.connected, 'the app to notice the outage');

      // Counted against the general limit, in memory: answered, not a 500.
      await t.api(token).get('/api/config').expect(200);
      for (let i = 0; i < 5; i++) await login('Wrong-Passw0rd!').expect(401);
      const sixth = await login('Wrong-Passw0rd!').expect(429);
      expect(sixth.body.code).toBe('RATE_LIMITED');
      clock.advance(2 * MINUTE); // the per-minute limit has reset; the lockout has not
      expect((await login(TEST_PASSWORD).expect(429)).body.code).toBe('ACCOUNT_LOCKED');

      redis = await startRedisServer(redis.port);
      await waitUntil(() => counter.connected, 'the app to reconnect');
      const probe = new Redis(redis.url);
      try {
        await t.api(token).get('/api/config').expect(200);
        // The session's reads, counted per session (the session row: the JWT's `sid`).
        const sid = (
          JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as {
            sid: string;
          }
        ).sid;
        expect(await probe.keys(`${prefix}*`)).toEqual([
          `${prefix}default:default:session:${sid}:read`,
        ]);
        // This instance keeps the lockout it made meanwhile until it ends.
        expect((await login(TEST_PASSWORD).expect(429)).body.code).toBe('ACCOUNT_LOCKED');
        clock.advance(14 * MINUTE);
        await login(TEST_PASSWORD).expect(200);
      } finally {
        probe.disconnect();
      }
    }, 30_000);
  },
);
