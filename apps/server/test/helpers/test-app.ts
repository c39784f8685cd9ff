import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { createApp } from '../../src/bootstrap';
import type { Clock } from '../../src/common/clock';
import { JsonLogger } from '../../src/common/logging/json-logger';
import { loadConfig } from '../../src/config/config.loader';

export const TEST_PASSWORD = 'Test-Passw0rd!';

/**
 * What this test file keeps in Redis (with REDIS_URL) goes under this prefix by default: runs and
 * files in parallel on one Redis stay apart, the instances of one file share it as in production.
 */
const REDIS_RUN = `aniworld:test:${randomUUID()}`;

export interface TestApp {
  app: NestExpressApplication;
  url: string;
  dataDir: string;
  /** Completes the first-run setup and returns a session token. */
  setUp(password?: string): Promise<string>;
  /** A supertest agent that sends the token of {@link setUp}. */
  api(token: string): ReturnType<typeof request.agent>;
  close(): Promise<void>;
}

/** Logs of the app under test go nowhere unless TEST_LOGS=1; a failing test prints its own. */
export function quietLogger(): JsonLogger {
  return new JsonLogger(
    'error',
    process.env['TEST_LOGS'] ? [process.stdout] : [{ write: () => undefined }],
  );
}

export function tempDir(prefix = 'aniworld-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Provider settings for tests against the sandbox: no waiting between requests, one retry. */
export const FAST_PROVIDERS = { providers: { requests_per_second: 50, retries: 1 } };

/**
 * The real application (real SQLite file in a temp data dir, real HTTP on 127.0.0.1, random port).
 * `env` is what the process environment would hold.
 */
export async function startTestApp(
  env: Record<string, string> = {},
  options: {
    clock?: Clock;
    /** Written to config.json before the start. */ settings?: Record<string, unknown>;
    /** Redis channel prefix of the socket fan-out (with REDIS_URL); default: this file's own. */
    fanoutChannel?: string;
    /** Key prefix of the Redis rate-limit counters (with REDIS_URL); default: this file's own. */
    rateLimitPrefix?: string;
    /** A built web app to serve; default none. */
    webDistDir?: string;
  } = {},
): Promise<TestApp> {
  const dataDir = env['DATA_DIR'] ?? tempDir();
  if (options.settings)
    writeFileSync(join(dataDir, 'config.json'), JSON.stringify(options.settings));
  const loaded = await loadConfig({ DATA_DIR: dataDir, ...env });
  const app = await createApp(loaded, {
    logger: quietLogger(),
    webDistDir: options.webDistDir ?? join(dataDir, 'no-web'),
    clock: options.clock,
    fanoutChannel: options.fanoutChannel ?? `${REDIS_RUN}:socket.io`,
    rateLimitPrefix: options.rateLimitPrefix ?? `${REDIS_RUN}:rl:`,
  });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    dataDir,
    setUp: async (password = TEST_PASSWORD) => {
      const res = await request(`http://127.0.0.1:${port}`)
        .post('/api/auth/setup')
        .send({ password })
        .expect(201);
      return (res.body as { access_token: string }).access_token;
    },
    api: (token) =>
      request.agent(`http://127.0.0.1:${port}`).set('Authorization', `Bearer ${token}`),
    close: async () => {
      await app.close();
      if (!env['DATA_DIR']) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
