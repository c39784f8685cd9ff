// The sandbox app is the engine's test bed (apps/sandbox); only tests import it.
import { startSandbox, type Sandbox } from '@aniworld/sandbox';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger, type DownloadOptions } from '../../src';

export { startSandbox, type Sandbox };

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'dl-e2e-'));
}

export async function removeDir(dir: string): Promise<void> {
  await fs.rm(dir, { recursive: true, force: true });
}

/** Fast retries so fault tests take milliseconds, not the production backoff. */
export const FAST: DownloadOptions = {
  retryBaseDelayMs: 20,
  stallTimeoutMs: 1000,
  logger: silentLogger,
};

export function ffprobeDuration(file: string): number {
  const out = execFileSync('ffprobe', [
    '-v',
    'error',
    '-show_entries',
    'format=duration',
    '-of',
    'csv=p=0',
    file,
  ]);
  return Number(out.toString().trim());
}

/** Requests per path prefix from the sandbox stats. */
export function requestsUnder(sb: Sandbox, fragment: string): number {
  return Object.entries(sb.stats().by_path)
    .filter(([p]) => p.includes(fragment))
    .reduce((n, [, s]) => n + s.requests, 0);
}
