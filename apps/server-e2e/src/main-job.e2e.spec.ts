import { type Sandbox, startSandbox } from '@aniworld/sandbox';
import { locateMediaTool } from '@aniworld/downloader';
import { apiRequest, waitFor } from '@aniworld/testing';
import {
  type AnimeDetail,
  type AnimeSummary,
  type ClientToServerEvents,
  episodeCode,
  type Page,
  type ServerToClientEvents,
} from '@aniworld/contracts';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { queueSnapshot } from './support/queue';
import { type ServerProcess, startServer, setUpOwner } from './support/server-process';

const PASSWORD = 'Main-J0b-Passw0rd!';

/**
 * The job users install Aniworld for, end to end over loopback: a library with one partly
 * downloaded series → rescan → missing episodes listed → queued → files appear under the naming
 * template and play → marked downloaded → nothing missing. A socket client watches it happen.
 */
describe('main job against the built server and the sandbox', () => {
  let sandbox: Sandbox;
  let server: ServerProcess;
  let library: string;
  let token: string;
  let socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  const seen: { event: string; key?: string }[] = [];

  const api = <T>(method: string, path: string, body?: unknown) =>
    apiRequest<T>(server.url, token, method, path, body);

  async function until<T>(
    what: string,
    probe: () => Promise<T | null>,
    timeoutMs = 120_000,
  ): Promise<T> {
    return waitFor(probe, what, { timeoutMs, intervalMs: 200 });
  }

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    library = mkdtempSync(join(tmpdir(), 'aniworld-main-job-'));
    const owned = join(
      library,
      'Sternenwanderer (2019)',
      'Season 01',
      'Sternenwanderer - S01E01 - Ein Stern fällt.mkv',
    );
    mkdirSync(dirname(owned), { recursive: true });
    writeFileSync(owned, 'already here');
    const dataDir = mkdtempSync(join(tmpdir(), 'aniworld-main-job-data-'));
    writeFileSync(
      join(dataDir, 'config.json'),
      JSON.stringify({
        // The test polls the paged queue lists; 60 requests a minute would answer 429.
        security: { rate_limit_per_minute: 100000 },
        providers: { requests_per_second: 50, retries: 1 },
        downloads: { retry_backoff_seconds: 1 },
      }),
    );
    server = await startServer({
      DATA_DIR: dataDir,
      ANIME_DIRECTORY: library,
      ANIWORLD_BASE_URL: `${sandbox.baseUrl}/aniworld`,
      STO_BASE_URL: `${sandbox.baseUrl}/sto`,
    });
    token = await setUpOwner(server, PASSWORD);

    socket = io(server.url, { path: '/socket.io', auth: { token }, transports: ['websocket'] });
    await new Promise<void>((resolve, reject) => {
      socket.once('connected', () => resolve());
      socket.once('connect_error', reject);
    });
    for (const room of ['downloads', 'download_progress', 'scan_progress'] as const)
      socket.emit('message', { action: 'join', data: { room } });
    for (const event of [
      'scan_progress',
      'scan_complete',
      'download_progress',
      'download_complete',
      'download_failed',
    ] as const) {
      socket.on(event, (payload: unknown) =>
        seen.push({ event, key: (payload as { key?: string }).key }),
      );
    }
  }, 120_000);

  afterAll(async () => {
    socket?.close();
    await server?.stop();
    server?.cleanUp();
    await sandbox?.close();
    rmSync(library, { recursive: true, force: true });
  });

  it('rescans, lists the missing episodes, downloads them under the template names and ends with nothing missing', async () => {
    expect((await api('POST', '/api/anime/rescan')).status).toBe(202);
    await until('the scan', async () => {
      const { body } = await api<{ state: string } | null>('GET', '/api/anime/scan');
      return body && body.state !== 'running' ? body : null;
    });
    expect(seen.some((e) => e.event === 'scan_complete')).toBe(true);

    const list = (await api<Page<AnimeSummary>>('GET', '/api/anime')).body;
    const series = list.items.find((s) => s.key === 'sternenwanderer');
    expect(series?.missing['1']).toEqual([2, 3, 4]);
    const missing = Object.entries(series?.missing ?? {}).flatMap(([season, episodes]) =>
      episodes.map((episode) => ({ season: Number(season), episode })),
    );

    const added = await api<{ added: unknown[] }>('POST', '/api/queue/add', {
      serie_id: 'sternenwanderer',
      serie_folder: series?.folder,
      serie_name: series?.name,
      episodes: missing,
      priority: 'NORMAL',
    });
    expect(added.status).toBe(201);
    expect(added.body.added).toHaveLength(missing.length);

    const final = await until('the queue to drain', async () => {
      const body = await queueSnapshot(async (path) => (await api('GET', path)).body);
      return body.pending_queue.length === 0 && body.active_downloads.length === 0 ? body : null;
    });
    expect(final.failed_downloads).toEqual([]);
    expect(final.completed_downloads).toHaveLength(missing.length);

    const detail = (await api<AnimeDetail>('GET', '/api/anime/sternenwanderer')).body;
    expect(detail.missing_episodes).toBe(0);
    const ffprobe = locateMediaTool('ffprobe');
    for (const episode of detail.seasons
      .flatMap((s) => s.episodes)
      .filter((e) => !(e.season === 1 && e.episode === 1))) {
      expect(episode.is_downloaded).toBe(true);
      const path = episode.file_path ?? '';
      expect(
        path.startsWith(
          join(
            library,
            'Sternenwanderer (2019)',
            `Season ${String(episode.season).padStart(2, '0')}`,
          ),
        ),
      ).toBe(true);
      expect(path).toContain(episodeCode(episode.season, episode.episode));
      expect(existsSync(path)).toBe(true);
      if (ffprobe) {
        const duration = Number(
          execFileSync(ffprobe, [
            '-v',
            'error',
            '-show_entries',
            'format=duration',
            '-of',
            'csv=p=0',
            path,
          ]).toString(),
        );
        expect(Math.abs(duration - 24)).toBeLessThan(2);
      }
    }
    expect(
      (await api<Page<AnimeSummary>>('GET', '/api/anime')).body.items.find(
        (s) => s.key === 'sternenwanderer',
      ),
    ).toBeUndefined();

    const downloadEvents = seen.filter((e) => e.event.startsWith('download_'));
    expect(
      downloadEvents.some((e) => e.event === 'download_progress' && e.key === 'sternenwanderer'),
    ).toBe(true);
    expect(
      downloadEvents
        .filter((e) => e.event === 'download_complete')
        .every((e) => e.key === 'sternenwanderer'),
    ).toBe(true);
  }, 180_000);
});
