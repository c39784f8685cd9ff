/**
 * Scale benchmark: the built server on seeded libraries of 200, 2,000 and 20,000 series × 100
 * episodes (SQLite) and 2,000 on PostgreSQL, each with 10,000 finished and 710 pending queue
 * items. Measures the library list, the queue status and its socket event, the paged queue
 * lists, adding 500 episodes, the database work of the worker per item, and (up to 2,000 series)
 * a first library scan and an unchanged rescan next to `find`, side by side with `/health` and
 * `/api/config` in the same run.
 *   npm run bench:scale [-- --sizes 200,2000] [--no-postgres] [--seconds 5]
 * Writes bench/results/scale.md and prints it. Needs the built server (`npx nx build server`).
 */
/* eslint-disable @nx/enforce-module-boundaries -- the worker figure runs the server's own
   repositories in-process against the seeded database; bench/ is not shipped code. */
import { spawnBuiltServer, type ServerProcess } from '@aniworld/testing';
import type { AnimeSummary, Page, QueueItem, QueueStatusResponse } from '@aniworld/contracts';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { io } from 'socket.io-client';
import { Database } from 'sqlite3';
import { openDatabase } from '../../apps/server/src/database/data-source.factory';
import { SystemSettingsRepository } from '../../apps/server/src/database/system-settings.repository';
import { EpisodeRepository } from '../../apps/server/src/anime/episode.repository';
import { EpisodesService } from '../../apps/server/src/anime/episodes.service';
import { SeriesCountsRepository } from '../../apps/server/src/anime/series-counts.repository';
import { QueueEntries } from '../../apps/server/src/queue/queue-entries.service';
import {
  QUEUE_STATE_KEY,
  QueueLeaseRepository,
} from '../../apps/server/src/queue/queue-lease.repository';
import { QueueReadRepository } from '../../apps/server/src/queue/queue-read.repository';
import { QueueTotalsRepository } from '../../apps/server/src/queue/queue-totals.repository';
import { createTempDatabase } from '../../apps/server/test/helpers/postgres';
import { load, sequential } from './load';
import { type Figures, render, type Setup } from './report';
import { measureScans, writeLibrary } from './scan';
import { ADD_SERIES_KEY, seed, type Exec } from './seed';

const REPO = resolve(__dirname, '../..');
const PASSWORD = 'Bench-Passw0rd!';
const args = process.argv.slice(2);
const arg = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const SIZES = (arg('--sizes') ?? '200,2000,20000').split(',').map(Number);
const SECONDS = Number(arg('--seconds') ?? 5);
const POSTGRES = !args.includes('--no-postgres');

async function main(): Promise<void> {
  const setups: Setup[] = SIZES.map((series) => ({
    label: `SQLite ${series.toLocaleString('en')}`,
    dialect: 'sqlite' as const,
    series,
    scan: series <= 2000,
  }));
  if (POSTGRES)
    setups.push({ label: 'PostgreSQL 2,000', dialect: 'postgres', series: 2000, scan: true });
  const results: Figures[] = [];
  for (const setup of setups) {
    process.stdout.write(`\n== ${setup.label} ==\n`);
    results.push(await measure(setup));
  }
  const report = render(results, SECONDS);
  mkdirSync(join(REPO, 'bench', 'results'), { recursive: true });
  writeFileSync(join(REPO, 'bench', 'results', 'scale.md'), report);
  process.stdout.write(`\n${report}`);
}

async function measure(setup: Setup): Promise<Figures> {
  const loadAtStart = loadavg()[0];
  const dataDir = mkdtempSync(join(tmpdir(), 'aniworld-bench-scale-'));
  const library = mkdtempSync(join(tmpdir(), 'aniworld-bench-library-'));
  // Written first, so every folder is older than the fingerprints' racy window when it is scanned.
  const files = setup.scan ? writeLibrary(library, setup.series) : 0;
  if (setup.scan) log(`library written: ${setup.series} folders, ${files} files`);
  const pg = setup.dialect === 'postgres' ? await createTempDatabase() : null;
  const env: Record<string, string> = {
    LOG_LEVEL: 'warn',
    // Nothing leaves the machine: the sites are a closed local port.
    ANIWORLD_BASE_URL: 'http://127.0.0.1:9/aniworld',
    STO_BASE_URL: 'http://127.0.0.1:9/sto',
    ...(pg ? { DATABASE_URL: pg.url } : {}),
  };
  let server: ServerProcess | null = null;
  try {
    server = await spawnBuiltServer({
      dataDir,
      env,
      // Many clients from one address: the per-IP limit is not what this measures.
      settings: {
        security: { rate_limit_per_minute: 100_000, session_read_limit_per_minute: 100_000 },
      },
    });
    const token = await setUp(server.url);
    const auth = { authorization: `Bearer ${token}` };

    const started = Date.now();
    const { exec, close } = await connect(setup, dataDir, pg?.url);
    await seed(exec, {
      series: setup.series,
      episodesPerSeries: 100,
      history: 10_000,
      pending: 710,
      dialect: setup.dialect,
    });
    await close();
    const seedSeconds = (Date.now() - started) / 1000;
    log(`seeded in ${seedSeconds.toFixed(1)} s`);

    const url = server.url;
    const list = `${url}/api/anime?page=1&page_size=50`;
    const t0 = performance.now();
    const first = await get<Page<AnimeSummary>>(list, auth);
    const firstListMs = performance.now() - t0;
    log(`first list (counts computed): ${firstListMs.toFixed(0)} ms, total ${first.total}`);

    const listOne = await sequential(list, auth, 15);
    const listMissingOne = await sequential(`${list}&sort=missing&order=desc`, auth, 15);
    const listRebuiltOne = await rebuiltList(url, list, auth);
    const configOne = await sequential(`${url}/api/config`, auth, 15);
    const list10 = await load(list, auth, 10, SECONDS);
    const health10 = await load(`${url}/health`, {}, 10, SECONDS);
    const config10 = await load(`${url}/api/config`, auth, 10, SECONDS);
    const [, healthUnderList, configUnderList] = await Promise.all([
      load(list, auth, 2, SECONDS),
      load(`${url}/health`, {}, 2, SECONDS),
      load(`${url}/api/config`, auth, 2, SECONDS),
    ]);
    log(
      `list p99 ${list10.p99.toFixed(1)} ms; health under list p99 ${healthUnderList.p99.toFixed(1)} ms`,
    );

    const statusBody = JSON.stringify(
      await get<QueueStatusResponse>(`${url}/api/queue/status`, auth),
    );
    const status10 = await load(`${url}/api/queue/status`, auth, 10, SECONDS);
    const lastPage = Math.ceil(9000 / 50);
    const itemsPage10 = await load(
      `${url}/api/queue/items?list=completed&page=${lastPage}&page_size=50`,
      auth,
      10,
      SECONDS,
    );
    await checkPaging(url, auth);
    const socketBytes = await socketEventBytes(url, token, auth);

    const t1 = performance.now();
    const added = await post<{ added: QueueItem[] }>(`${url}/api/queue/add`, auth, {
      serie_id: ADD_SERIES_KEY,
      episodes: Array.from({ length: 500 }, (_, i) => ({
        season: 1 + Math.floor(i / 100),
        episode: i + 1,
      })),
    });
    const addMs = performance.now() - t1;
    if (added.added.length !== 500) throw new Error(`added ${added.added.length} of 500`);

    const workerMs = await workerWork(setup, dataDir, pg?.url);
    let scan = null;
    if (setup.scan) {
      // Set only now: without an anime directory downloads are off, and the paused queue keeps
      // the workers away from the 1,210 pending items while the scans run.
      await post(`${url}/api/queue/pause`, auth, {});
      await send('PUT', `${url}/api/config`, auth, { anime_directory: library });
      scan = await measureScans(
        url,
        auth,
        token,
        server.child.pid as number,
        library,
        setup.series,
        files,
      );
    }
    if (scan)
      log(
        `first scan ${(scan.firstMs / 1000).toFixed(1)} s, rescan ${(scan.rescanMs / 1000).toFixed(2)} s, find ${scan.findMs.toFixed(0)} ms`,
      );
    return {
      setup,
      seedSeconds,
      firstListMs,
      listOne,
      listMissingOne,
      listRebuiltOne,
      configOne,
      list10,
      health10,
      config10,
      healthUnderList,
      configUnderList,
      statusBytes: Buffer.byteLength(statusBody),
      status10,
      itemsPage10,
      socketBytes,
      addMs,
      workerMs,
      scan,
      load: [loadAtStart, loadavg()[0]],
    };
  } finally {
    await server?.stop();
    await pg?.drop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(library, { recursive: true, force: true });
  }
}

/**
 * Median of 15 list reads, each right after a write that changes the library (a series'
 * `monitored` flag): the page is built anew, not served from the list cache.
 */
async function rebuiltList(
  url: string,
  list: string,
  auth: Record<string, string>,
): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 15; i++) {
    await send('PATCH', `${url}/api/anime/series-1`, auth, { monitored: i % 2 === 0 });
    const t0 = performance.now();
    await get(list, auth);
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** The paged lists hold exactly the items of each status, each once. */
async function checkPaging(url: string, auth: Record<string, string>): Promise<void> {
  const status = await get<QueueStatusResponse>(`${url}/api/queue/status`, auth);
  for (const [list, expected] of [
    ['pending', status.stats.pending],
    ['completed', status.stats.completed],
    ['failed', status.stats.failed],
  ] as const) {
    const ids = new Set<string>();
    for (let page = 1; ; page++) {
      const body = await get<Page<QueueItem>>(
        `${url}/api/queue/items?list=${list}&page=${page}&page_size=500`,
        auth,
      );
      for (const item of body.items) {
        if (item.status !== list)
          throw new Error(`${item.id} is ${item.status}, listed as ${list}`);
        ids.add(item.id);
      }
      if (body.items.length < 500) break;
    }
    if (ids.size !== expected) throw new Error(`${list}: ${ids.size} paged, ${expected} counted`);
  }
}

/** Size of one `queue_status` event, caused by a pause (and undone). */
async function socketEventBytes(
  url: string,
  token: string,
  auth: Record<string, string>,
): Promise<number> {
  const socket = io(url, { path: '/socket.io', auth: { token }, transports: ['websocket'] });
  try {
    await new Promise((done, fail) => {
      socket.once('connected', done);
      socket.once('connect_error', fail);
    });
    socket.emit('message', { action: 'join', data: { room: 'downloads' } });
    await new Promise((r) => setTimeout(r, 200));
    const event = new Promise<unknown>((done) => socket.once('queue_status', done));
    await post(`${url}/api/queue/pause`, auth, {});
    const bytes = Buffer.byteLength(JSON.stringify(await event));
    await post(`${url}/api/queue/resume`, auth, {});
    return bytes;
  } finally {
    socket.close();
  }
}

/**
 * The database work of the worker for one item, in process on the same database: claim, load
 * (the item, then its episode and series), end the run, mark the episode downloaded (its series recounted), and the status announced
 * after it (state, totals, active items). Median of 20 items.
 */
async function workerWork(setup: Setup, dataDir: string, url?: string): Promise<number> {
  const ds = await openDatabase(
    setup.dialect === 'postgres'
      ? { type: 'postgres', url: url as string }
      : { type: 'sqlite', path: join(dataDir, 'aniworld.db') },
  );
  try {
    const leases = new QueueLeaseRepository(ds);
    const totals = new QueueTotalsRepository(ds);
    const episodes = new EpisodesService(new EpisodeRepository(ds, new SeriesCountsRepository(ds)));
    const entries = new QueueEntries(new QueueReadRepository(ds), episodes);
    const settings = new SystemSettingsRepository(ds);
    await settings.set(QUEUE_STATE_KEY, { running: true, paused: false });
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t0 = performance.now();
      const id = await leases.claim('bench-worker', new Date(), 60_000);
      if (!id) throw new Error('nothing to claim');
      const item = await entries.byId(id);
      if (!item) throw new Error('claimed item gone');
      await leases.endRun(id, 'bench-worker', {
        status: 'completed',
        bytesDone: 350_000_000,
        completedAt: new Date(),
      });
      await episodes.markDownloaded(item.episodeId, `/library/bench/${item.episodeId}.mkv`);
      await Promise.all([entries.downloading(), totals.totals(), settings.get(QUEUE_STATE_KEY)]);
      times.push(performance.now() - t0);
    }
    return median(times);
  } finally {
    await ds.destroy();
  }
}

async function connect(
  setup: Setup,
  dataDir: string,
  url?: string,
): Promise<{ exec: Exec; close(): Promise<void> }> {
  if (setup.dialect === 'postgres') {
    const client = new Client({ connectionString: url });
    await client.connect();
    return {
      exec: async (sql) => void (await client.query(sql)),
      close: () => client.end(),
    };
  }
  const db = new Database(join(dataDir, 'aniworld.db'));
  const run = (sql: string) =>
    new Promise<void>((done, fail) => db.exec(sql, (error) => (error ? fail(error) : done())));
  await run('PRAGMA busy_timeout = 10000');
  await run('BEGIN');
  return {
    exec: run,
    close: async () => {
      await run('COMMIT');
      await new Promise<void>((done) => db.close(() => done()));
    },
  };
}

async function setUp(url: string): Promise<string> {
  const body = await post<{ access_token: string }>(
    `${url}/api/auth/setup`,
    {},
    { password: PASSWORD },
  );
  return body.access_token;
}

async function get<T>(url: string, headers: Record<string, string>): Promise<T> {
  const res = await fetch(url, { headers });
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

function post<T>(url: string, headers: Record<string, string>, body: unknown): Promise<T> {
  return send('POST', url, headers, body);
}

async function send<T>(
  method: string,
  url: string,
  headers: Record<string, string>,
  body: unknown,
): Promise<T> {
  const res = await fetch(url, {
    method,
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  const text = await res.text();
  return (text ? JSON.parse(text) : null) as T;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function log(line: string): void {
  process.stdout.write(`  ${line}\n`);
}

void main().catch((error: unknown) => {
  process.stderr.write(`${String(error instanceof Error ? error.stack : error)}\n`);
  process.exit(1);
});
