import { freePort, redisServerAvailable, startRedisServer } from '@aniworld/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runServerExpectingFailure, startServer } from './support/server-process';

async function outputShows(output: () => string, text: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!output().includes(text)) {
    if (Date.now() > deadline) throw new Error(`the server never logged '${text}':\n${output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Socket fan-out and rate limits through Redis in the built server: Redis is required at start,
 * not later.
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
    'keeps running through a Redis outage and still shuts down cleanly on SIGTERM',
    async () => {
      const redis = await startRedisServer();
      const server = await startServer({ REDIS_URL: redis.url });
      try {
        await outputShows(server.output, 'socket events fan out through redis');
        await redis.kill();
        await outputShows(server.output, 'redis unreachable');
        // A rate-limited request gives up only after two failed reconnect attempts: by its answer
        // each Redis client has met connection errors, which it must log itself, once per outage.
        await fetch(`${server.url}/api/auth/status`);
        await outputShows(server.output, 'requests that count against a rate limit fail');
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
