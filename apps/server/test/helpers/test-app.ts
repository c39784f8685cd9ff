import type { NestExpressApplication } from '@nestjs/platform-express';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/bootstrap';
import { JsonLogger } from '../../src/common/logging/json-logger';
import { loadConfig } from '../../src/config/config.loader';

export interface TestApp {
  app: NestExpressApplication;
  url: string;
  dataDir: string;
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

/**
 * The real application (real SQLite file in a temp data dir, real HTTP on 127.0.0.1, random port).
 * `env` is what the process environment would hold.
 */
export async function startTestApp(
  env: Record<string, string> = {},
  webDistDir?: string,
): Promise<TestApp> {
  const dataDir = env['DATA_DIR'] ?? tempDir();
  const loaded = await loadConfig({ DATA_DIR: dataDir, ...env });
  const app = await createApp(loaded, {
    logger: quietLogger(),
    webDistDir: webDistDir ?? join(dataDir, 'no-web'),
  });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    dataDir,
    close: async () => {
      await app.close();
      if (!env['DATA_DIR']) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
