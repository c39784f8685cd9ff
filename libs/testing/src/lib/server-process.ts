import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inTmpfs } from './confinement';

/** The built server bundle (`nx build server`), as a user runs it; it serves the built web app. */
export const SERVER_MAIN = resolve(__dirname, '../../../../dist/apps/server/main.js');

export interface SpawnOptions {
  /** Environment of the server (PATH, TZ=UTC and HOST=127.0.0.1 are set unless given). */
  env?: Record<string, string>;
  /** Written to `<DATA_DIR>/config.json` before the start. */
  settings?: Record<string, unknown>;
  /** An existing data dir (a restart); otherwise a temporary one is created and owned. */
  dataDir?: string;
  /** Milliseconds to wait for `/health` to answer. */
  startTimeoutMs?: number;
  /**
   * Runs the server with a real tmpfs of `sizeBytes` over `dir` (see `inTmpfs`), e.g. a library
   * that fills up. The test sees it at `insideView(server.child.pid, dir)` while the server runs.
   */
  tmpfs?: { dir: string; sizeBytes: number };
}

export interface ServerProcess {
  url: string;
  port: number;
  dataDir: string;
  child: ChildProcess;
  /** Everything the process printed so far. */
  output(): string;
  /** Sends the signal (default SIGTERM) and resolves with the exit code once it exited. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** Removes the data dir if this helper created it. */
  cleanUp(): void;
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

/** Starts the built server on a free port and waits until `/health` answers. */
export async function spawnBuiltServer(options: SpawnOptions = {}): Promise<ServerProcess> {
  const env = options.env ?? {};
  const ownsDataDir = !options.dataDir && !env['DATA_DIR'];
  const dataDir =
    options.dataDir ?? env['DATA_DIR'] ?? mkdtempSync(join(tmpdir(), 'aniworld-e2e-'));
  if (options.settings)
    writeFileSync(join(dataDir, 'config.json'), JSON.stringify(options.settings));
  const port = Number(env['PORT'] ?? (await freePort()));
  const main = { command: process.execPath, args: [SERVER_MAIN] };
  const run = options.tmpfs ? inTmpfs(main, options.tmpfs) : main;
  const child = spawn(run.command, run.args, {
    env: {
      PATH: process.env['PATH'] ?? '',
      TZ: 'UTC',
      HOST: '127.0.0.1',
      ...env,
      DATA_DIR: dataDir,
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const url = `http://127.0.0.1:${port}`;

  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
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
      throw new Error(`server did not start in time:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  return {
    url,
    port,
    dataDir,
    child,
    output: () => output,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
    cleanUp: () => {
      if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs the built server expecting it to refuse to start; resolves with its exit code and output. */
export function runServerExpectingFailure(
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolveRun) => {
    const child = spawn(process.execPath, [SERVER_MAIN], {
      env: { PATH: process.env['PATH'] ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolveRun({ code, output });
    });
  });
}
