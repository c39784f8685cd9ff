import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A command line, ready for `spawn(command, args)`. */
export interface Command {
  command: string;
  args: string[];
}

/** The uid `unprivileged` switches to when the tests run as root. */
const NOBODY = 65534;

export const runningAsRoot = process.getuid?.() === 0;

/**
 * Runs `inner` in a private mount namespace where a tmpfs of `sizeBytes` is mounted over `dir`: a
 * real filesystem that really fills up (ENOSPC), without privileges (`unshare --user
 * --map-root-user --mount`). The mount exists only for that process and vanishes with it, so there
 * is nothing to clean up; outside, `dir` stays as it was. While the process runs, its view of the
 * mount is at {@link insideView}.
 */
export function inTmpfs(inner: Command, mount: { dir: string; sizeBytes: number }): Command {
  return {
    command: 'unshare',
    args: [
      '--user',
      '--map-root-user',
      '--mount',
      'sh',
      '-c',
      // exec: the pid the caller holds is the inner process itself (signals reach it).
      'mount -t tmpfs -o "size=$1" tmpfs "$2" && shift 2 && exec "$@"',
      'sh',
      String(mount.sizeBytes),
      mount.dir,
      inner.command,
      ...inner.args,
    ],
  };
}

/** `path` as the process `pid` sees it in its own mount namespace (readable while it runs). */
export function insideView(pid: number, path: string): string {
  return join(`/proc/${pid}/root`, path);
}

/**
 * Runs `inner` so that it cannot write into a directory prepared with {@link lockDir}: as root,
 * as the user nobody (`setpriv`); otherwise as the current user, from whose directory lockDir
 * removes the write bit. The process must be able to read what it runs (node, the code).
 */
export function unprivileged(inner: Command): Command {
  if (!runningAsRoot) return inner;
  return {
    command: 'setpriv',
    args: [
      `--reuid=${NOBODY}`,
      `--regid=${NOBODY}`,
      '--clear-groups',
      inner.command,
      ...inner.args,
    ],
  };
}

/** Leaves `dir` readable and enterable but not writable for {@link unprivileged} processes. */
export function lockDir(dir: string): void {
  chmodSync(dir, runningAsRoot ? 0o755 : 0o555);
}

/** Undoes {@link lockDir} so the directory can be removed. */
export function unlockDir(dir: string): void {
  chmodSync(dir, 0o700);
}

/**
 * Whether {@link inTmpfs} works on this machine (it needs `unshare` and user namespaces). Outside
 * CI a "no" skips the tests with a message; in CI it throws, because those tests must run there.
 */
export function tmpfsAvailable(): boolean {
  const dir = mkdtempSync(join(tmpdir(), 'tmpfs-probe-'));
  try {
    const probe = inTmpfs(
      { command: 'sh', args: ['-c', 'test "$(stat -f -c %T "$1")" = tmpfs', 'sh', dir] },
      { dir, sizeBytes: 64 * 1024 },
    );
    const r = spawnSync(probe.command, probe.args, { timeout: 10_000 });
    return required('a private tmpfs (unshare --user --mount)', r.status === 0, r);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Whether {@link unprivileged} processes are really refused writing into a {@link lockDir}
 * directory, and whether `canRun` (the caller's own command, e.g. `cli --help`) runs that way,
 * i.e. can read node and the code. Same CI rule as {@link tmpfsAvailable}.
 */
export function unprivilegedAvailable(canRun: Command, options: { cwd?: string } = {}): boolean {
  const dir = mkdtempSync(join(tmpdir(), 'locked-probe-'));
  try {
    lockDir(dir);
    const write = unprivileged({
      command: process.execPath,
      args: [
        '-e',
        `try { require('fs').writeFileSync(process.argv[1] + '/x', ''); process.exit(1); }` +
          ` catch (e) { process.exit(e.code === 'EACCES' ? 0 : 2); }`,
        dir,
      ],
    });
    const denied = spawnSync(write.command, write.args, { timeout: 10_000 });
    if (!required('a process without write access (setpriv, chmod)', denied.status === 0, denied))
      return false;
    const run = unprivileged(canRun);
    const ran = spawnSync(run.command, run.args, { cwd: options.cwd, timeout: 30_000 });
    return required(`running ${canRun.args.join(' ')} unprivileged`, ran.status === 0, ran);
  } finally {
    unlockDir(dir);
    rmSync(dir, { recursive: true, force: true });
  }
}

function required(
  what: string,
  ok: boolean,
  probe: { status: number | null; stderr?: Buffer | string | null; error?: Error },
): boolean {
  if (ok) return true;
  const why = (probe.error?.message ?? String(probe.stderr ?? '').trim()) || `exit ${probe.status}`;
  if (process.env['CI'])
    throw new Error(`${what} is not possible here (${why}) but CI requires these tests to run.`);
  process.stderr.write(
    `\n[${what}] not possible here (${why}): its tests are SKIPPED (they run in CI).\n`,
  );
  return false;
}
