import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnBuiltServer } from '@aniworld/testing';

export interface RunningServer {
  url: string;
  dataDir: string;
  animeDir: string;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts the built server on a free port with a fresh data dir and an empty anime directory
 * (not configured: the setup page sets it). A browser clicking through pages makes more calls
 * than the default per-IP limit expects of one user, so the settings raise it.
 */
export async function startServer(
  env: Record<string, string> = {},
  config: Record<string, Record<string, unknown>> = {},
): Promise<RunningServer> {
  const root = mkdtempSync(join(tmpdir(), 'aniworld-web-e2e-'));
  const dataDir = join(root, 'data');
  const animeDir = join(root, 'anime');
  mkdirSync(dataDir);
  mkdirSync(animeDir);
  const server = await spawnBuiltServer({
    dataDir,
    env: { LOG_LEVEL: 'warn', ...env },
    settings: {
      ...config,
      security: {
        rate_limit_per_minute: 10_000,
        auth_rate_limit_per_minute: 100,
        ...config['security'],
      },
    },
  });
  return {
    url: server.url,
    dataDir,
    animeDir,
    output: server.output,
    stop: async () => {
      await server.stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
