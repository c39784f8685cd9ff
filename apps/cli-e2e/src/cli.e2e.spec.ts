import type {
  AnimeDetail,
  AnimeSearchResult,
  AnimeSummary,
  DownloadCompleteEvent,
  NotificationListResponse,
  QueueAddResponse,
  QueueSnapshot,
  QueueStatusResponse,
  ScanStatus,
  UnmatchedFolder,
} from '@aniworld/contracts';
import { type Sandbox, startSandbox } from '@aniworld/sandbox';
import { freePort, type ServerProcess, spawnBuiltServer } from '@aniworld/testing';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { jsonOf, runCli, startCli, waitUntil } from './support/cli-process';

const PASSWORD = 'Cli-E2e-Passw0rd!';

/**
 * The CLI's real process against the built server and the sandbox over loopback: the job a user
 * does from a terminal, and the exit codes scripts rely on.
 */
describe('aniworld CLI against the built server and the sandbox', () => {
  let sandbox: Sandbox;
  let server: ServerProcess;
  let library: string;
  let home: string;
  let env: Record<string, string>;
  const cli = (args: string[], input?: string) => runCli(args, { env, input });

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    library = mkdtempSync(join(tmpdir(), 'aniworld-cli-e2e-lib-'));
    const owned = join(
      library,
      'Sternenwanderer (2019)',
      'Season 01',
      'Sternenwanderer - S01E01.mkv',
    );
    mkdirSync(dirname(owned), { recursive: true });
    writeFileSync(owned, 'already here');
    // A folder whose title is not certain: listed as unmatched, for `match`.
    mkdirSync(join(library, 'Drachen (2021)'));
    writeFileSync(join(library, 'Drachen (2021)', 'Drachen - S01E01.mkv'), 'a file');
    server = await spawnBuiltServer({
      env: {
        ANIME_DIRECTORY: library,
        ANIWORLD_BASE_URL: `${sandbox.baseUrl}/aniworld`,
        STO_BASE_URL: `${sandbox.baseUrl}/sto`,
      },
      settings: {
        // The test polls through whole CLI runs; a fast machine would pass 60 requests a minute.
        security: { rate_limit_per_minute: 10_000 },
        providers: { requests_per_second: 50, retries: 1 },
        downloads: { retry_backoff_seconds: 1 },
      },
    });
    const setup = await fetch(`${server.url}/api/auth/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ password: PASSWORD }),
    });
    expect(setup.status).toBe(201);
    home = mkdtempSync(join(tmpdir(), 'aniworld-cli-e2e-home-'));
    env = { HOME: home, XDG_CONFIG_HOME: join(home, 'config'), ANIWORLD_SERVER: server.url };
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    server?.cleanUp();
    await sandbox?.close();
    rmSync(library, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  });

  it('refuses commands before login with exit 3 and says how to log in', async () => {
    const run = await cli(['list']);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('aniworld login');
    expect(run.stdout).toBe('');
  });

  it('says a wrong password with exit 3', async () => {
    const run = await cli(['login', '--password-stdin'], 'Wrong-Passw0rd!\n');
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/^error: .+/m);
  });

  it('logs in with --password-stdin and keeps the session in $XDG_CONFIG_HOME/aniworld, 0600', async () => {
    const run = await cli(['login', '--password-stdin'], `${PASSWORD}\n`);
    expect(run.code).toBe(0);
    const file = join(home, 'config', 'aniworld', 'session.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const stored = JSON.parse(readFileSync(file, 'utf8')) as {
      sessions: Record<string, { access_token: string }>;
    };
    expect(stored.sessions[server.url].access_token).toEqual(expect.any(String));

    // A second login replaces the session and ends the first one on the server.
    expect((await cli(['login', '--password-stdin'], `${PASSWORD}\n`)).code).toBe(0);
    const first = await fetch(`${server.url}/api/queue/status`, {
      headers: { authorization: `Bearer ${stored.sessions[server.url].access_token}` },
    });
    expect(first.status).toBe(401);
    expect((await cli(['queue', 'status'])).code).toBe(0);
  });

  it('rescans and waits for the scan to end', async () => {
    const scan = jsonOf<ScanStatus>(await cli(['rescan', '--wait', '--json']));
    expect(scan.state).toBe('completed');
    expect(scan.series_matched).toBe(1);
    expect(scan.unmatched).toBe(1);
  });

  it('lists the unmatched folder with its candidates and matches it', async () => {
    const unmatched = jsonOf<UnmatchedFolder[]>(await cli(['unmatched', '--json']));
    expect(unmatched.map((f) => f.folder)).toEqual(['Drachen (2021)']);
    expect(unmatched[0].candidates.map((c) => c.key)).toContain('maedchen-und-drachen');
    const matched = jsonOf<AnimeDetail>(
      await cli([
        'match',
        'Drachen (2021)',
        'maedchen-und-drachen',
        '--site',
        'aniworld',
        '--json',
      ]),
    );
    expect(matched.folder).toBe('Drachen (2021)');
    expect(matched.seasons.find((s) => s.season === 1)?.episodes[0].is_downloaded).toBe(true);
    expect(jsonOf<UnmatchedFolder[]>(await cli(['unmatched', '--json']))).toEqual([]);
  });

  it('searches the sites', async () => {
    const results = jsonOf<AnimeSearchResult[]>(await cli(['search', 'drachen', '--json']));
    expect(results.map((r) => `${r.site}/${r.key}`)).toEqual(
      expect.arrayContaining(['aniworld/maedchen-und-drachen']),
    );
    const text = await cli(['search', 'drachen', '--site', 'sto']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('maedchen-und-drachen');
    expect(text.stdout).not.toContain('aniworld');
  });

  it('adds a series by key', async () => {
    const added = jsonOf<AnimeDetail>(await cli(['add', 'kleine-katze-kuro', '--json']));
    expect(added.key).toBe('kleine-katze-kuro');
    expect(existsSync(join(library, added.folder ?? 'missing'))).toBe(true);
  });

  it('queues a range and both episodes complete, seen through queue status --json', async () => {
    const queued = jsonOf<QueueAddResponse>(
      await cli(['queue', 'add', 'sternenwanderer', 'S01E02-E03', '--priority', 'HIGH', '--json']),
    );
    expect(queued.added.map((i) => [i.season, i.episode])).toEqual([
      [1, 2],
      [1, 3],
    ]);
    const done = await waitUntil('two completed downloads', async () => {
      const status = jsonOf<QueueSnapshot>(await cli(['queue', 'status', '--json']));
      const completed = status.completed_downloads.filter((i) => i.serie_id === 'sternenwanderer');
      expect(status.failed_downloads).toEqual([]);
      return completed.length === 2 ? completed : null;
    });
    expect(done.map((i) => i.episode).sort()).toEqual([2, 3]);
    for (const item of done) expect(existsSync(item.file_path ?? 'missing')).toBe(true);
  });

  it('follows a download live with queue status --watch --json and ends with Ctrl-C', async () => {
    const watch = startCli(['queue', 'status', '--watch', '--json'], env);
    try {
      // The first line is the queue as it is: the feed is connected and the rooms joined.
      await waitUntil('the first status line', async () => (watch.lines.length ? true : null));
      expect(JSON.parse(watch.lines[0])).toMatchObject({ event: 'queue_status' });
      expect((await cli(['queue', 'add', 'kleine-katze-kuro', 'S01E01'])).code).toBe(0);
      const complete = await waitUntil('download_complete on the feed', async () => {
        const events = watch.lines.map(
          (line) => JSON.parse(line) as { event: string; data: DownloadCompleteEvent },
        );
        return events.find((e) => e.event === 'download_complete')?.data ?? null;
      });
      expect(complete).toMatchObject({ key: 'kleine-katze-kuro', season: 1, episode: 1 });
      expect(watch.lines.map((l) => (JSON.parse(l) as { event: string }).event)).toContain(
        'download_progress',
      );
    } finally {
      watch.child.kill('SIGINT');
    }
    expect(await watch.ended).toBe(0);
    expect(watch.stderr()).toBe('');
  });

  it('stops, starts, pauses and resumes the queue and removes and clears items', async () => {
    expect(jsonOf<QueueStatusResponse>(await cli(['queue', 'stop', '--json'])).is_running).toBe(
      false,
    );
    const queued = jsonOf<QueueAddResponse>(
      await cli(['queue', 'add', 'sternenwanderer', 'S01E04', '--json']),
    );
    const id = queued.added[0].id;
    const waiting = jsonOf<QueueSnapshot>(await cli(['queue', 'status', '--json']));
    expect(waiting.pending_queue.map((i) => i.id)).toEqual([id]);
    expect((await cli(['queue', 'remove', id])).code).toBe(0);
    const again = await cli(['queue', 'remove', id]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('fix: ');
    expect(jsonOf<QueueStatusResponse>(await cli(['queue', 'start', '--json'])).is_running).toBe(
      true,
    );
    expect(jsonOf<QueueStatusResponse>(await cli(['queue', 'pause', '--json'])).is_paused).toBe(
      true,
    );
    expect(jsonOf<QueueStatusResponse>(await cli(['queue', 'resume', '--json'])).is_paused).toBe(
      false,
    );
    expect((await cli(['queue', 'retry'])).code).toBe(0);
    expect((await cli(['queue', 'clear-completed'])).code).toBe(0);
    const cleared = jsonOf<QueueSnapshot>(await cli(['queue', 'status', '--json']));
    expect(cleared.completed_downloads).toEqual([]);
    expect(cleared.pending_queue).toEqual([]);
  });

  it('lists the notifications of the downloads', async () => {
    const list = jsonOf<NotificationListResponse>(await cli(['notifications', '--json']));
    expect(list.items.filter((n) => n.kind === 'download_complete').length).toBeGreaterThanOrEqual(
      3,
    );
    expect((await cli(['notifications', '--limit', '0'])).code).toBe(1);
  });

  it('lists the series with missing episodes as JSON', async () => {
    const missing = jsonOf<AnimeSummary[]>(await cli(['list', '--missing', '--json']));
    const stern = missing.find((s) => s.key === 'sternenwanderer');
    expect(stern?.missing['1']).toEqual([4]);
    expect(missing.map((s) => s.key)).toEqual(
      expect.arrayContaining(['maedchen-und-drachen', 'kleine-katze-kuro']),
    );
    const all = jsonOf<AnimeSummary[]>(await cli(['list', '--json']));
    expect(all.length).toBeGreaterThanOrEqual(missing.length);
  });

  it('shows a series with what is missing', async () => {
    const run = await cli(['show', 'sternenwanderer']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/S01E01\s+on disk/);
    expect(run.stdout).toMatch(/S01E04\s+missing/);
    // Not a terminal: no colour codes.
    expect(run.stdout).not.toContain('\u001b[');
  });

  it('answers an unknown series with exit 2 and a message on stderr', async () => {
    for (const args of [
      ['show', 'no-such-series'],
      ['queue', 'add', 'no-such-series', 'S01E01'],
    ]) {
      const run = await cli(args);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('no-such-series');
      expect(run.stderr).toContain('fix: ');
      expect(run.stdout).toBe('');
    }
    const episode = await cli(['queue', 'add', 'sternenwanderer', 'S01E09']);
    expect(episode.code).toBe(2);
    expect(episode.stderr).toContain('S01E09');
  });

  it('answers a malformed command line with exit 1', async () => {
    expect((await cli(['queue', 'add', 'sternenwanderer', 'E01'])).code).toBe(1);
    expect((await cli(['no-such-command'])).code).toBe(1);
    expect((await cli(['--server', 'not a url', 'list'])).code).toBe(1);
  });

  it('reads and changes a setting, and names the field the server refuses', async () => {
    expect((await cli(['config', 'set', 'downloads.concurrency', '3'])).code).toBe(0);
    expect(jsonOf<number>(await cli(['config', 'get', 'downloads.concurrency', '--json']))).toBe(3);
    const refused = await cli(['config', 'set', 'downloads.concurrency', '1000']);
    expect(refused.code).toBe(5);
    expect(refused.stderr).toContain('downloads.concurrency');
    expect((await cli(['config', 'get', 'downloads.no_such_key'])).code).toBe(2);
  });

  it('answers an unreachable server with exit 4 and how to fix it', async () => {
    const dead = `http://127.0.0.1:${await freePort()}`;
    const run = await runCli(['login', '--password-stdin'], {
      env: { ...env, ANIWORLD_SERVER: dead },
      input: `${PASSWORD}\n`,
    });
    expect(run.code).toBe(4);
    expect(run.stderr).toContain(dead);
    expect(run.stderr).toContain('--server');
  });

  it('downloads one URL with the engine through dl, with its own usage and exit codes', async () => {
    const target = join(home, 'sample.mp4');
    const run = await cli(['dl', `${sandbox.baseUrl}/cdn/mp4/sample.mp4`, '-o', target, '-q']);
    expect(run.code).toBe(0);
    expect(statSync(target).size).toBeGreaterThan(10_000);
    const usage = await cli(['dl', '--help']);
    expect(usage.stdout).toContain('usage: npm run dl');
    expect((await cli(['dl', `${sandbox.baseUrl}/cdn/mp4/sample.mp4`])).code).toBe(2);
  });

  it('logs out: the session is revoked and forgotten', async () => {
    const file = join(home, 'config', 'aniworld', 'session.json');
    const token = (
      JSON.parse(readFileSync(file, 'utf8')) as {
        sessions: Record<string, { access_token: string }>;
      }
    ).sessions[server.url].access_token;
    expect((await cli(['logout'])).code).toBe(0);
    const revoked = await fetch(`${server.url}/api/queue/status`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(revoked.status).toBe(401);
    expect((await cli(['queue', 'status'])).code).toBe(3);
  });
});
