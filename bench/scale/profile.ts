/**
 * Where the server's CPU goes, phase by phase: the built server on a seeded library (as the scale
 * benchmark seeds it) with `profile-hook.cjs` preloaded; per phase the server's CPU time (user +
 * system, every thread: on a shared machine less noisy than wall time), its SQL statements by
 * kind, and a CPU profile.
 *   npm run bench:scale:profile [-- --series 2000] [--pg]
 *     [--phases list,list-pages,config,health,add,scan] [--out DIR] [--no-cpu-profile]
 * Prints a table; DIR (default a temporary one) keeps p<n>.json and p<n>.cpuprofile. Needs the
 * built server (`npx nx build server`).
 */
import { spawnBuiltServer } from '@aniworld/testing';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { io } from 'socket.io-client';
import { Database } from 'sqlite3';
// eslint-disable-next-line @nx/enforce-module-boundaries -- a temporary PostgreSQL database, as run.ts makes one
import { createTempDatabase } from '../../apps/server/test/helpers/postgres';
import { writeLibrary } from './scan';
import { ADD_SERIES_KEY, seed } from './seed';

const args = process.argv.slice(2);
const arg = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const SERIES = Number(arg('--series') ?? 2000);
const PHASES = (arg('--phases') ?? 'list,list-pages,config,health,add,scan').split(',');
const OUT = resolve(arg('--out') ?? mkdtempSync(join(tmpdir(), 'aniworld-profile-')));
const POSTGRES = args.includes('--pg');
const REQUESTS = 200;

interface Phase {
  name: string;
  wallMs: number;
  cpuMs: number;
  statements: Record<string, number>;
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'aniworld-profile-data-'));
  const library = mkdtempSync(join(tmpdir(), 'aniworld-profile-library-'));
  const pg = POSTGRES ? await createTempDatabase() : null;
  if (PHASES.includes('scan')) writeLibrary(library, SERIES);
  const server = await spawnBuiltServer({
    dataDir,
    env: {
      LOG_LEVEL: 'warn',
      ANIWORLD_BASE_URL: 'http://127.0.0.1:9/aniworld',
      STO_BASE_URL: 'http://127.0.0.1:9/sto',
      NODE_OPTIONS: `-r ${join(__dirname, 'profile-hook.cjs')}`,
      PROFILE_OUT: OUT,
      PROFILE_CPU: args.includes('--no-cpu-profile') ? '0' : '1',
      ...(pg ? { DATABASE_URL: pg.url } : {}),
    },
    settings: {
      security: { rate_limit_per_minute: 100_000, session_read_limit_per_minute: 100_000 },
    },
  });
  const pid = server.child.pid as number;
  const phases: Phase[] = [];
  const signal = async (file: string) => {
    rmSync(join(OUT, file), { force: true });
    process.kill(pid, 'SIGUSR2');
    while (!existsSync(join(OUT, file))) await new Promise((r) => setTimeout(r, 20));
  };
  const phase = async (name: string, work: () => Promise<void>) => {
    await signal('started');
    const t0 = performance.now();
    await work();
    const wallMs = performance.now() - t0;
    await signal(`done${phases.length + 1}`);
    const { cpuMs, statements } = JSON.parse(
      readFileSync(join(OUT, `p${phases.length + 1}.json`), 'utf8'),
    ) as Omit<Phase, 'name' | 'wallMs'>;
    phases.push({ name, wallMs, cpuMs, statements });
    process.stdout.write(`  ${name}: ${cpuMs.toFixed(0)} ms CPU\n`);
  };
  try {
    const url = server.url;
    const setup = await fetch(`${url}/api/auth/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ password: 'Bench-Passw0rd!' }),
    });
    const auth = {
      authorization: `Bearer ${((await setup.json()) as { access_token: string }).access_token}`,
    };
    await seedDatabase(dataDir, pg?.url);
    const get = async (path: string, headers: Record<string, string> = auth) => {
      const res = await fetch(`${url}${path}`, { headers });
      await res.text();
      if (!res.ok) throw new Error(`GET ${path}: ${res.status}`);
    };
    const list = '/api/anime?page=1&page_size=50';
    // The counts computed and the code warm before anything is measured.
    for (let i = 0; i < 20; i++) await get(list);
    const repeat = (work: (i: number) => Promise<void>) => async () => {
      for (let i = 0; i < REQUESTS; i++) await work(i);
    };
    if (PHASES.includes('list'))
      await phase(
        `GET ${list} ×${REQUESTS}`,
        repeat(() => get(list)),
      );
    if (PHASES.includes('list-pages'))
      await phase(
        `GET /api/anime, 20 pages × 4 sorts ×${REQUESTS / 80}`,
        repeat((i) =>
          get(
            `/api/anime?page=${1 + (i % 20)}&sort=${['name', 'missing', 'year', 'updated'][i % 4]}`,
          ),
        ),
      );
    if (PHASES.includes('config'))
      await phase(
        `GET /api/config ×${REQUESTS}`,
        repeat(() => get('/api/config')),
      );
    if (PHASES.includes('health'))
      await phase(
        `GET /health ×${REQUESTS}`,
        repeat(() => get('/health', {})),
      );
    if (PHASES.includes('add'))
      await phase('POST /api/queue/add, 500 episodes', async () => {
        const res = await fetch(`${url}/api/queue/add`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify({
            serie_id: ADD_SERIES_KEY,
            episodes: Array.from({ length: 500 }, (_, i) => ({
              season: 1 + Math.floor(i / 100),
              episode: i + 1,
            })),
          }),
        });
        const body = (await res.json()) as { added?: unknown[] };
        if (body.added?.length !== 500) throw new Error(`added ${body.added?.length} of 500`);
      });
    if (PHASES.includes('scan')) {
      await fetch(`${url}/api/queue/pause`, { method: 'POST', headers: auth });
      await fetch(`${url}/api/config`, {
        method: 'PUT',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ anime_directory: library }),
      });
      const token = auth.authorization.slice('Bearer '.length);
      await phase(`first scan, ${SERIES} folders`, () => scan(url, auth, token));
      await phase(`unchanged rescan, ${SERIES} folders`, () => scan(url, auth, token));
    }
  } finally {
    await server.stop();
    await pg?.drop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(library, { recursive: true, force: true });
  }
  process.stdout.write(`\n${render(phases)}\nFiles: ${OUT}\n`);
}

async function seedDatabase(dataDir: string, pgUrl?: string): Promise<void> {
  const plan = { series: SERIES, episodesPerSeries: 100, history: 10_000, pending: 710 };
  if (pgUrl) {
    const client = new Client({ connectionString: pgUrl });
    await client.connect();
    await seed(async (sql) => void (await client.query(sql)), { ...plan, dialect: 'postgres' });
    await client.end();
    return;
  }
  const db = new Database(join(dataDir, 'aniworld.db'));
  const run = (sql: string) =>
    new Promise<void>((done, fail) => db.exec(sql, (e) => (e ? fail(e) : done())));
  await run('PRAGMA busy_timeout = 10000');
  await run('BEGIN');
  await seed(run, { ...plan, dialect: 'sqlite' });
  await run('COMMIT');
  await new Promise<void>((done) => db.close(() => done()));
}

/** A scan through the API, to its `scan_complete` event. */
async function scan(url: string, auth: Record<string, string>, token: string): Promise<void> {
  const socket = io(url, { path: '/socket.io', auth: { token }, transports: ['websocket'] });
  try {
    await new Promise((done, fail) => {
      socket.once('connected', done);
      socket.once('connect_error', fail);
    });
    const ended = new Promise<void>((done) => socket.on('scan_complete', () => done()));
    socket.emit('message', { action: 'join', data: { room: 'scan_progress' } });
    await new Promise((r) => setTimeout(r, 200));
    const res = await fetch(`${url}/api/anime/rescan`, { method: 'POST', headers: auth });
    if (res.status !== 202) throw new Error(`rescan: ${res.status} ${await res.text()}`);
    await ended;
  } finally {
    socket.close();
  }
}

function render(phases: Phase[]): string {
  const lines = [
    '| phase | server CPU | wall | statements |',
    '|---|---|---|---|',
    ...phases.map(
      (p) =>
        `| ${p.name} | ${p.cpuMs.toFixed(0)} ms | ${p.wallMs.toFixed(0)} ms | ${total(p.statements)} (${Object.entries(
          p.statements,
        )
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}) |`,
    ),
  ];
  return lines.join('\n');
}

function total(statements: Record<string, number>): number {
  return Object.values(statements).reduce((a, b) => a + b, 0);
}

void main().catch((error: unknown) => {
  process.stderr.write(`${String(error instanceof Error ? error.stack : error)}\n`);
  process.exit(1);
});
