import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { freePort } from './server-process';

/**
 * Whether `redis-server` can be run here, for tests that stop and restart a Redis of their own
 * (the machine's shared one must stay up). Skipped with a message outside CI, an error in CI.
 */
export function redisServerAvailable(): boolean {
  const up = spawnSync('redis-server', ['--version'], { timeout: 5000 }).status === 0;
  if (!up && process.env['CI'])
    throw new Error('redis-server is not installed but CI requires the Redis outage tests to run.');
  if (!up)
    process.stderr.write(
      '\n[redis-server] not installed: the Redis outage tests are SKIPPED (they run in CI).\n',
    );
  return up;
}

export interface PrivateRedis {
  url: string;
  port: number;
  /** Kills it (SIGKILL, as a crash) and resolves once it is gone. */
  kill(): Promise<void>;
  /**
   * Stops it (SIGSTOP): connections stay open and new ones are accepted, but nothing is answered,
   * as with a hung server or a network cut off without the connections closing.
   */
  pause(): void;
  /** Lets a paused server go on (SIGCONT): it answers what it was sent meanwhile. */
  resume(): void;
}

/**
 * A throwaway Redis on 127.0.0.1 (a free port, or `port` to bring one back after a kill) without
 * persistence; resolves once it accepts connections.
 */
export async function startRedisServer(port?: number): Promise<PrivateRedis> {
  const p = port ?? (await freePort());
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(p), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${output}`)));
  });
  return {
    url: `redis://127.0.0.1:${p}`,
    port: p,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    pause: () => void child.kill('SIGSTOP'),
    resume: () => void child.kill('SIGCONT'),
  };
}
