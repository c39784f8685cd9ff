import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../../../..');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The CLI as a user runs it (`npm run cli -- …` is this command line): its own process, stdout
 * not a terminal, the given environment only (HOME and XDG_CONFIG_HOME decide the session file).
 */
function spawnCli(args: string[], env: Record<string, string>): ChildProcessWithoutNullStreams {
  return spawn(
    process.execPath,
    ['-r', resolve(ROOT, 'tools/ts-register.js'), resolve(ROOT, 'apps/cli/src/main.ts'), ...args],
    {
      cwd: ROOT,
      env: { PATH: process.env['PATH'] ?? '', TZ: 'UTC', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
}

/** A long-running CLI process (`--watch`): its stdout lines as they come, and its end. */
export interface CliSession {
  child: ChildProcessWithoutNullStreams;
  lines: string[];
  stderr(): string;
  /** Resolves with the exit code once stdout and stderr closed. */
  ended: Promise<number | null>;
}

export function startCli(args: string[], env: Record<string, string>): CliSession {
  const child = spawnCli(args, env);
  child.stdin.end();
  const lines: string[] = [];
  let partial = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    const parts = (partial + chunk.toString()).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const ended = new Promise<number | null>((done) => child.once('close', (code) => done(code)));
  return { child, lines, stderr: () => stderr, ended };
}

export function runCli(
  args: string[],
  options: { env: Record<string, string>; input?: string },
): Promise<CliRun> {
  return new Promise((done, fail) => {
    const child = spawnCli(args, options.env);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', fail);
    child.once('close', (code) => done({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** `--json` output of a run that must have succeeded. */
export function jsonOf<T>(run: CliRun): T {
  if (run.code !== 0)
    throw new Error(`the CLI exited with ${run.code}:\n${run.stderr}\n${run.stdout}`);
  return JSON.parse(run.stdout) as T;
}

/** Polls `probe` until it returns a value (not null); for states reached by a background job. */
export async function waitUntil<T>(
  what: string,
  probe: () => Promise<T | null>,
  timeoutMs = 120_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
