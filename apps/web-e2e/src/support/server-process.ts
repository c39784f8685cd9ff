import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The built server bundle, as a user runs it; it serves the built web app at `/`. */
const SERVER_MAIN = resolve(__dirname, '../../../../dist/apps/server/main.js');

export interface RunningServer {
  url: string;
  dataDir: string;
  animeDir: string;
  output(): string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * Starts the built server on a free port with a fresh data dir and an empty anime directory
 * (not configured: the setup page sets it). A browser clicking through pages makes more calls
 * than the default per-IP limit expects of one user, so the file raises it.
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
  writeFileSync(
    join(dataDir, 'config.json'),
    JSON.stringify({
      ...config,
      security: {
        rate_limit_per_minute: 10_000,
        auth_rate_limit_per_minute: 100,
        ...config['security'],
      },
    }),
  );
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [SERVER_MAIN], {
    env: {
      PATH: process.env['PATH'] ?? '',
      TZ: 'UTC',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      ...env,
      DATA_DIR: dataDir,
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const url = `http://127.0.0.1:${port}`;

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`server exited with ${child.exitCode}:\n${output}`);
    try {
      const res = await fetch(`${url}/health`);
      if (res.status === 200 || res.status === 503) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start within 30 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  return {
    url,
    dataDir,
    animeDir,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Which API routes the running server has (from its OpenAPI document). */
export async function apiRoutes(url: string): Promise<Set<string>> {
  const res = await fetch(`${url}/api/docs-json`);
  const doc = (await res.json()) as { paths: Record<string, Record<string, unknown>> };
  const routes = new Set<string>();
  for (const [path, methods] of Object.entries(doc.paths))
    for (const method of Object.keys(methods)) routes.add(`${method.toUpperCase()} ${path}`);
  return routes;
}
