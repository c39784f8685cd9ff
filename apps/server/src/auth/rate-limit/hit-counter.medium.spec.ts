import { randomUUID } from 'node:crypto';
import { FakeClock } from '../../../test/helpers/fake-clock';
import { serviceAvailable } from '../../../test/helpers/services';
import { type HitCounter, MemoryHitCounter } from './rate-limit.store';
import { RedisHitCounter } from './redis-hit-counter';

const REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/** The same behaviour from the in-process counter and the Redis one that several instances share. */
describe.each([
  ['memory', true, () => new MemoryHitCounter(new FakeClock())],
  [
    'redis',
    serviceAvailable('redis', REDIS_URL, 6379),
    () => new RedisHitCounter(REDIS_URL, `aniworld:test:${randomUUID()}:`),
  ],
] as const)('%s hit counter (medium)', (_name, available, create) => {
  const maybe = available ? it : it.skip;
  let counter: HitCounter;
  beforeEach(() => {
    if (available) counter = create();
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
      const a = new RedisHitCounter(REDIS_URL, prefix);
      const b = new RedisHitCounter(REDIS_URL, prefix);
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
