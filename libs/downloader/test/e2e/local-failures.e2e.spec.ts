import {
  type Command,
  inTmpfs,
  lockDir,
  runningAsRoot,
  tmpfsAvailable,
  unlockDir,
  unprivileged,
  unprivilegedAvailable,
} from '@aniworld/testing';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { download } from '../../src';
import type { ChildReport, ChildRequest } from '../support/download-child';
import { FAST, removeDir, startSandbox, tempDir, type Sandbox } from '../support/sandbox';

/**
 * The local failures, for real: a tmpfs that fills up (ENOSPC) and a directory the process may not
 * write (EACCES/EPERM). The engine removes its temp files on both (only Aborted and LinkExpired
 * keep them for a resume), so after each failure nothing of the download may be left.
 */
const REPO = resolve(__dirname, '../../../..');
const MiB = 1024 * 1024;
const TS_NODE = ['-r', './tools/ts-register.js'];
const cli = (...args: string[]): Command => ({
  command: process.execPath,
  args: [...TS_NODE, 'libs/downloader/src/cli.ts', ...args],
});
const child = (request: ChildRequest): Command => ({
  command: process.execPath,
  args: [...TS_NODE, 'libs/downloader/test/support/download-child.ts', JSON.stringify(request)],
});

/** `inner`, then the files left under `dir` on stdout: the tmpfs ends with the process. */
const thenList = (dir: string, inner: Command): Command => ({
  command: 'sh',
  args: [
    '-c',
    'dir=$1; shift; "$@"; status=$?; find "$dir" ! -type d; exit $status',
    'sh',
    dir,
    inner.command,
    ...inner.args,
  ],
});

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(cmd: Command): Promise<Ran> {
  return new Promise((done, fail) => {
    const p = spawn(cmd.command, cmd.args, { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    p.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    p.on('error', fail);
    p.on('close', (code) => done({ code, stdout, stderr }));
  });
}

const listed = (stdout: string, dir: string): string[] =>
  stdout
    .split('\n')
    .filter(Boolean)
    .map((f) => f.slice(dir.length + 1));

function report(ran: Ran): ChildReport {
  if (ran.code !== 0) throw new Error(`download child exited with ${ran.code}: ${ran.stderr}`);
  return JSON.parse(ran.stdout) as ChildReport;
}

// Each case spawns a CLI process that compiles the engine on load: a second or two, not 5 s.
jest.setTimeout(60_000);

describe('local failures of real filesystems', () => {
  let sb: Sandbox;
  let scratch: string;
  const url = (path: string) => `${sb.baseUrl}/cdn/${path}`;

  beforeAll(async () => {
    sb = await startSandbox({ port: 0 });
    scratch = tempDir();
  });
  afterAll(async () => {
    await sb.close();
    await removeDir(scratch);
  });
  afterEach(() => sb.clearFaults());

  (tmpfsAvailable() ? describe : describe.skip)(
    'disk full: a tmpfs of 1 MiB (≈2.5 MB clips)',
    () => {
      let dir: string;
      beforeEach(() => (dir = tempDir()));
      afterEach(() => removeDir(dir));

      it.each([
        ['MP4', 'mp4/sample.mp4', 'Show (2020)/Season 01/ep.mp4'],
        ['HLS', 'hls/sample/master.m3u8', 'Show (2020)/Season 01/ep.ts'],
      ])('%s: DiskFull, exit 5 naming the fix, nothing left behind', async (_kind, path, name) => {
        const target = join(dir, name);
        const ran = await run(
          inTmpfs(thenList(dir, cli(url(path), '-o', target, '-q')), { dir, sizeBytes: MiB }),
        );
        expect(ran.stderr).toContain(`no space left on the device while writing ${target}.part`);
        expect(ran.stderr).toContain('free some space or choose another -o directory');
        expect(ran.code).toBe(5);
        expect(listed(ran.stdout, dir)).toEqual([]);
      });

      it('HLS remuxed to .mp4: the remux copy runs out of space → DiskFull (not a verification failure)', async () => {
        // The .ts fits, the .mp4 written next to it by ffmpeg does not.
        const reference = join(scratch, 'reference.ts');
        await download(
          { kind: 'hls', url: url('hls/sample/360p/index.m3u8'), headers: {} },
          reference,
          { ...FAST, verify: false },
        );
        const sizeBytes = Math.ceil(statSync(reference).size * 1.5);

        const target = join(dir, 'ep.mp4');
        const ran = await run(
          inTmpfs(thenList(dir, cli(url('hls/sample/360p/index.m3u8'), '-o', target, '-q')), {
            dir,
            sizeBytes,
          }),
        );
        expect(ran.stderr).toContain(`no space left on the device while writing ${target}.part`);
        expect(ran.code).toBe(5);
        expect(listed(ran.stdout, dir)).toEqual([]);
      });

      it('library API: segments spilled to disk hit the full disk → DiskFull, spill files removed too', async () => {
        // The first segment cannot finish before the disk is full (its body waits a minute, the
        // download fails in well under a second), so the later segments pile up: 1 MiB in memory,
        // the rest in `<part>.seg<N>` spill files, until the 1 MiB tmpfs is full.
        sb.setFaults('cdn/hls/sample/360p/seg_000.ts', 'ttfb=60000');
        const target = join(dir, 'ep.ts');
        const request: ChildRequest = {
          descriptor: { kind: 'hls', url: url('hls/sample/360p/index.m3u8'), headers: {} },
          target,
          dir,
          options: { memoryBudget: MiB, verify: false },
        };
        const out = report(await run(inTmpfs(child(request), { dir, sizeBytes: MiB })));
        expect(out.error).toMatchObject({ name: 'DiskFull', code: 'DISK_FULL' });
        expect(out.error?.path).toMatch(/ep\.ts\.part\.seg\d+(p\d+)?$/);
        expect(out.files).toEqual([]);
      });
    },
  );

  const canRunUnprivileged = unprivilegedAvailable(cli('--help'), { cwd: REPO });
  (canRunUnprivileged ? describe : describe.skip)(
    'permission denied: a directory the process may not write',
    () => {
      let locked: string;
      beforeEach(() => {
        locked = tempDir();
        lockDir(locked);
      });
      afterEach(async () => {
        unlockDir(locked);
        await removeDir(locked);
      });

      it.each([
        ['MP4', 'mp4/sample.mp4', '.part'],
        ['HLS', 'hls/sample/master.m3u8', '.ts.part'],
      ])(
        '%s into the directory: PermissionDenied, exit 6 naming the fix, nothing created',
        async (_kind, path, part) => {
          const target = join(locked, 'ep.mp4');
          const ran = await run(unprivileged(cli(url(path), '-o', target, '-q')));
          expect(ran.stderr).toContain(`permission denied for ${target}${part}`);
          expect(ran.stderr).toContain(
            'choose a directory you can write to, or fix its permissions',
          );
          expect(ran.code).toBe(6);
          expect(readdirSync(locked)).toEqual([]);
        },
      );

      it('into a season folder it would have to create: PermissionDenied for that folder, exit 6', async () => {
        const target = join(locked, 'Show (2020)', 'Season 01', 'ep.mp4');
        const ran = await run(unprivileged(cli(url('mp4/sample.mp4'), '-o', target, '-q')));
        expect(ran.stderr).toContain(
          `permission denied for ${join(locked, 'Show (2020)', 'Season 01')}`,
        );
        expect(ran.code).toBe(6);
        expect(readdirSync(locked)).toEqual([]);
      });

      // Only root can own a file the unprivileged user may not replace; as non-root there is no such user.
      (runningAsRoot ? it : it.skip)(
        'the final rename is refused (another user’s file in a sticky directory): exit 6, the finished .part removed, their file untouched',
        async () => {
          chmodSync(locked, 0o1777);
          const target = join(locked, 'ep.mp4');
          writeFileSync(target, 'not ours');
          const ran = await run(unprivileged(cli(url('mp4/sample.mp4'), '-o', target, '-q')));
          expect(ran.stderr).toContain(`permission denied for ${target}`);
          expect(ran.code).toBe(6);
          expect(readdirSync(locked)).toEqual(['ep.mp4']);
          expect(readFileSync(target, 'utf8')).toBe('not ours');
        },
      );

      it('sanity: the same command with a writable directory succeeds', async () => {
        // Guards the cases above against passing for a reason of their own (the user cannot run the CLI).
        unlockDir(locked);
        chmodSync(locked, 0o777);
        const target = join(locked, 'ep.mp4');
        const ran = await run(
          unprivileged(cli(url('mp4/sample.mp4'), '-o', target, '-q', '--no-verify')),
        );
        expect(ran.code).toBe(0);
        expect(existsSync(target)).toBe(true);
      });
    },
  );
});
