import { freePort, redisServerAvailable, startRedisServer, waitUntil } from '@aniworld/testing';
import Redis from 'ioredis';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runServerExpectingFailure, startServer } from './support/server-process';

const PASSWORD = 'Redis-0utage-Passw0rd!';

const post = (url: string, body: unknown) =>
  fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

async function outputShows(output: () => string, text: string): Promise<void> {
  await waitUntil(() => output().includes(text), `the server to log '${text}'`, {
    timeoutMs: 30_000,
    detail: output,
  });
}

/**
 * Socket fan-out and rate limits through Redis in the built server: Redis is required at start;
 * a later outage degrades both to one instance and takes nothing down.
 */
describe('socket fan-out through Redis (built server)', () => {
  it('refuses to start when REDIS_URL points at no Redis, naming the variable and the fix', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'aniworld-e2e-'));
    try {
      const port = await freePort();
      const { code, output } = await runServerExpectingFailure({
        DATA_DIR: dataDir,
        REDIS_URL: `redis://127.0.0.1:${port}`,
      });
      expect(code).toBe(1);
      expect(output).toContain(
        `environment variable REDIS_URL (redis_url): Redis at 127.0.0.1:${port}/0 is not reachable`,
      );
      expect(output).toContain('Fix');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  (redisServerAvailable() ? it : it.skip)(
    'keeps answering through a Redis outage, limits logins meanwhile, shares counts again afterwards, and still shuts down cleanly on SIGTERM',
    async () => {
      let redis = await startRedisServer();
      const server = await startServer({ REDIS_URL: redis.url });
      try {
        await outputShows(server.output, 'socket events fan out through redis');
        await redis.kill();
        // Each Redis client logs the outage itself, once however often it tries to reconnect.
        await outputShows(server.output, 'socket events reach only the clients of this instance');
        await outputShows(server.output, 'rate limits and login lockouts count on each instance');
        // Rate-limited requests are answered meanwhile, and the limits hold on this instance.
        expect((await fetch(`${server.url}/api/auth/status`)).status).toBe(200);
        const setup = await post(`${server.url}/api/auth/setup`, { password: PASSWORD });
        expect(setup.status).toBe(201);
        for (let i = 0; i < 5; i++) {
          const failed = await post(`${server.url}/api/auth/login`, {
            password: 'Wrong-Passw0rd!',
          });
          expect(failed.status).toBe(401);
        }
        const sixth = await post(`${server.url}/api/auth/login`, { password: 'Wrong-Passw0rd!' });
        expect(sixth.status).toBe(429);

        redis = await startRedisServer(redis.port);
        await outputShows(server.output, 'rate limits and login lockouts are shared again');
        expect((await fetch(`${server.url}/api/auth/status`)).status).toBe(200);
        const probe = new Redis(redis.url);
        try {
          // Counted in the fresh Redis again (the key names the database: 0; an unauthenticated
          // request counts per IP).
          expect(await probe.get('aniworld:rl:0:default:default:ip:127.0.0.1')).toBe('1');
        } finally {
          probe.disconnect();
        }
        const health = await fetch(`${server.url}/health`);
        expect([200, 503]).toContain(health.status);
        expect(await server.stop()).toBe(0);
        // One line per client (socket fan-out, rate limits), not one per reconnect attempt.
        expect(server.output()).not.toContain('Unhandled error event');
        expect(server.output().match(/redis unreachable/g)).toHaveLength(2);
      } finally {
        await server.stop();
        await redis.kill();
        server.cleanUp();
      }
    },
  );
});
