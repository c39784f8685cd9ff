import type { ScanStatus } from '@aniworld/contracts';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { seriesFolder } from './seed';

/** Episode files per series folder: 51 of the 100 seeded episodes, over three season folders. */
export const FILES_PER_FOLDER = 51;

export interface ScanFigures {
  folders: number;
  files: number;
  /** Every folder read and its disk state written (the database knew the series, not the files). */
  firstMs: number;
  /** CPU time the server process used meanwhile (user + system; less noisy on a shared machine). */
  firstCpuMs: number;
  /** Nothing changed since the first scan. */
  rescanMs: number;
  rescanCpuMs: number;
  /** Folders the rescan found unchanged (all of them, or the figure is not the one it claims). */
  unchanged: number;
  /** `find <library> -type f -printf '%s %p\n'`, median of three, page cache warm. */
  findMs: number;
}

/**
 * The library on disk for the seeded series 1..`series`: one folder each, named as the seed
 * names it, with {@link FILES_PER_FOLDER} small episode files in `Season 0N` folders.
 */
export function writeLibrary(dir: string, series: number): number {
  let files = 0;
  for (let s = 1; s <= series; s++) {
    const folder = join(dir, seriesFolder(s));
    for (let e = 1; e <= FILES_PER_FOLDER; e++) {
      const season = 1 + Math.floor((e - 1) / 25);
      const seasonDir = join(folder, `Season ${String(season).padStart(2, '0')}`);
      if (e === 1 || (e - 1) % 25 === 0) mkdirSync(seasonDir, { recursive: true });
      const code = `S${String(season).padStart(2, '0')}E${String(e).padStart(2, '0')}`;
      writeFileSync(join(seasonDir, `Episode ${code}.mkv`), code);
      files++;
    }
  }
  return files;
}

/** A first scan and an unchanged rescan through the API, and `find` over the same tree. */
export async function measureScans(
  url: string,
  auth: Record<string, string>,
  token: string,
  pid: number,
  library: string,
  folders: number,
  files: number,
): Promise<ScanFigures> {
  const cpu0 = cpuMs(pid);
  const first = await scan(url, auth, token);
  const cpu1 = cpuMs(pid);
  if (first.status.folders_done !== folders)
    throw new Error(`first scan read ${first.status.folders_done} folders, not ${folders}`);
  const rescan = await scan(url, auth, token);
  const cpu2 = cpuMs(pid);
  const finds: number[] = [];
  for (let i = 0; i < 4; i++) {
    const t0 = performance.now();
    const found = spawnSync('find', [library, '-type', 'f', '-printf', '%s %p\\n'], {
      maxBuffer: 1 << 30,
    });
    if (found.status !== 0) throw new Error(`find failed: ${found.stderr.toString()}`);
    // The first run fills the page cache (the scans had it warm too) and is not counted.
    if (i > 0) finds.push(performance.now() - t0);
  }
  finds.sort((a, b) => a - b);
  return {
    folders,
    files,
    firstMs: first.ms,
    firstCpuMs: cpu1 - cpu0,
    rescanMs: rescan.ms,
    rescanCpuMs: cpu2 - cpu1,
    unchanged: rescan.status.folders_unchanged,
    findMs: finds[1],
  };
}

/**
 * Starts a scan and waits for its `scan_complete` event (polling the status would load the
 * server it measures); wall time from the request to the event.
 */
async function scan(
  url: string,
  auth: Record<string, string>,
  token: string,
): Promise<{ ms: number; status: ScanStatus }> {
  const socket = io(url, { path: '/socket.io', auth: { token }, transports: ['websocket'] });
  try {
    await new Promise((done, fail) => {
      socket.once('connected', done);
      socket.once('connect_error', fail);
    });
    const ended = new Map<string, number>();
    const waiters = new Map<string, () => void>();
    socket.on('scan_complete', (event: { scan_id: string }) => {
      ended.set(event.scan_id, performance.now());
      waiters.get(event.scan_id)?.();
    });
    socket.emit('message', { action: 'join', data: { room: 'scan_progress' } });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const t0 = performance.now();
    const res = await fetch(`${url}/api/anime/rescan`, { method: 'POST', headers: auth });
    if (res.status !== 202) throw new Error(`rescan: ${res.status} ${await res.text()}`);
    const { scan_id } = (await res.json()) as { scan_id: string };
    if (!ended.has(scan_id)) await new Promise<void>((done) => waiters.set(scan_id, done));
    const ms = (ended.get(scan_id) as number) - t0;
    const status = (await (
      await fetch(`${url}/api/anime/scan`, { headers: auth })
    ).json()) as ScanStatus;
    if (status.scan_id !== scan_id || status.state !== 'completed')
      throw new Error(`scan ${status.state}: ${status.error}`);
    return { ms, status };
  } finally {
    socket.close();
  }
}

/** User + system CPU time of a process so far, from /proc (Linux; clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
