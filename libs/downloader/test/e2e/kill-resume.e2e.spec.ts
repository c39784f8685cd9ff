import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { waitUntil } from '@aniworld/testing';
import {
  ffprobeDuration,
  removeDir,
  startSandbox,
  tempDir,
  type Sandbox,
} from '../support/sandbox';

const REPO = resolve(__dirname, '../../../..');
const children = new Set<ChildProcess>();

// Two CLI processes per case (compile + download + ffprobe): seconds, not the default 5 s budget.
jest.setTimeout(60_000);

function cli(args: string[]): ChildProcess {
  return track(
    spawn(
      process.execPath,
      ['-r', './tools/ts-register.js', 'libs/downloader/src/cli.ts', ...args],
      {
        cwd: REPO,
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    ),
  );
}

function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.on('close', () => children.delete(child));
  return child;
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((res) => child.on('close', (code) => res(code)));
}

function readJson<T>(path: string): T | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return null;
  }
}

/** Polls until `ready` holds (the state file shows progress), then SIGKILLs the child. */
async function killWhen(child: ChildProcess, ready: () => boolean): Promise<void> {
  const exited = exitOf(child);
  let done = false;
  void exited.then(() => (done = true));
  await waitUntil(
    () => {
      if (done) throw new Error('the CLI finished before it could be killed');
      return ready();
    },
    'progress in the state file',
    { timeoutMs: 60_000, intervalMs: 25 },
  );
  child.kill('SIGKILL');
  await exited;
}

describe('kill -9 mid-download, then run again', () => {
  let sb: Sandbox;
  let dir: string;

  beforeAll(async () => {
    sb = await startSandbox({ port: 0 });
    dir = tempDir();
  });
  afterAll(async () => {
    for (const c of children) c.kill('SIGKILL');
    await sb.close();
    await removeDir(dir);
  });
  beforeEach(() => sb.resetStats());

  it('MP4 resumes from the state file and fetches < 1.2 × the file', async () => {
    const size = Number(
      (await fetch(`${sb.baseUrl}/cdn/mp4/sample.mp4`, { method: 'HEAD' })).headers.get(
        'content-length',
      ),
    );
    sb.resetStats();
    const url = `${sb.baseUrl}/cdn/_f/rate=500000/mp4/sample.mp4`;
    const target = join(dir, 'killed.mp4');
    const args = [url, '-o', target, '--connections', '2', '-q'];
    await killWhen(cli(args), () => {
      const s = readJson<{ done: [number, number][] }>(`${target}.part.json`);
      return (s?.done ?? []).reduce((n, [a, b]) => n + b - a, 0) > size * 0.4;
    });
    expect(existsSync(target)).toBe(false);

    const second = cli(args);
    expect(await exitOf(second)).toBe(0);
    expect(readFileSync(target).length).toBe(size);
    expect(sb.stats().bytes_served).toBeLessThan(size * 1.2);
    expect(Math.abs(ffprobeDuration(target) - 24)).toBeLessThan(2);
    expect(existsSync(`${target}.part.json`)).toBe(false);
  });

  it('HLS resumes after the last confirmed segment and fetches < 1.2 × the media', async () => {
    const playlist = `${sb.baseUrl}/cdn/_f/rate=400000/hls/sample/master.m3u8`;
    const target = join(dir, 'killed.ts');
    const args = [playlist, '-o', target, '--connections', '2', '-q'];
    await killWhen(
      cli(args),
      () => (readJson<{ nextIndex: number }>(`${target}.part.json`)?.nextIndex ?? 0) >= 5,
    );
    expect(existsSync(target)).toBe(false);

    const second = cli(args);
    expect(await exitOf(second)).toBe(0);
    const segBytes = Object.entries(sb.stats().by_path)
      .filter(([p]) => p.includes('/360p/seg_'))
      .reduce((n, [, s]) => n + s.bytes, 0);
    const mediaBytes = readFileSync(target).length;
    expect(segBytes).toBeLessThan(mediaBytes * 1.2);
    expect(Math.abs(ffprobeDuration(target) - 24)).toBeLessThan(2);
  });

  it('CLI: an expired link exits with code 3 and says what to do', async () => {
    const child = spawn(
      process.execPath,
      [
        '-r',
        './tools/ts-register.js',
        'libs/downloader/src/cli.ts',
        `${sb.baseUrl}/cdn/_f/expired=1/mp4/sample.mp4`,
        '-o',
        join(dir, 'x.mp4'),
      ],
      {
        cwd: REPO,
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    expect(await exitOf(track(child))).toBe(3);
    expect(stderr).toMatch(/link expired/);
    expect(stderr).toMatch(/fresh link/);
  });
});
