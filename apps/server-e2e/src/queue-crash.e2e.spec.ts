import { type Sandbox, startSandbox } from '@aniworld/sandbox';
import { isPartialFile, locateMediaTool } from '@aniworld/downloader';
import { apiRequest, waitFor } from '@aniworld/testing';
import type { QueueAddResponse, QueueItem } from '@aniworld/contracts';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { queueSnapshot } from './support/queue';
import { type ServerProcess, startServer, setUpOwner } from './support/server-process';

const PASSWORD = 'Crash-Passw0rd!';

/**
 * The queue survives `kill -9` mid-download: after a restart with the same data dir the item is
 * still there, resumes from its partial file and completes, fetching the file about once.
 */
describe('queue crash recovery against the built server', () => {
  let sandbox: Sandbox;
  let library: string;
  let dataDir: string;
  let server: ServerProcess | null = null;
  let token = '';

  const api = <T>(method: string, path: string, body?: unknown) => {
    if (!server) throw new Error('server not running');
    return apiRequest<T>(server.url, token, method, path, body);
  };

  async function itemWhen(
    id: string,
    what: string,
    predicate: (item: QueueItem) => boolean,
    timeoutMs = 90_000,
  ): Promise<QueueItem> {
    let item: QueueItem | undefined;
    return waitFor(
      async () => {
        const body = await queueSnapshot(async (path) => (await api('GET', path)).body);
        item = [
          ...body.active_downloads,
          ...body.pending_queue,
          ...body.completed_downloads,
          ...body.failed_downloads,
        ].find((i) => i.id === id);
        return item && predicate(item) ? item : null;
      },
      what,
      { timeoutMs, intervalMs: 100, detail: () => JSON.stringify(item) },
    );
  }

  const start = () =>
    startServer({
      DATA_DIR: dataDir,
      ANIME_DIRECTORY: library,
      ANIWORLD_BASE_URL: `${sandbox.baseUrl}/aniworld`,
      STO_BASE_URL: `${sandbox.baseUrl}/sto`,
    });

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    library = mkdtempSync(join(tmpdir(), 'aniworld-crash-lib-'));
    dataDir = mkdtempSync(join(tmpdir(), 'aniworld-crash-data-'));
    writeFileSync(
      join(dataDir, 'config.json'),
      JSON.stringify({
        security: { rate_limit_per_minute: 100000 },
        // Vidoza serves one MP4, so "bytes served for the file" is one number to compare.
        providers: {
          requests_per_second: 50,
          retries: 1,
          hoster_order: ['Vidoza', 'VOE', 'Filemoon', 'Vidmoly', 'Doodstream'],
        },
        downloads: { retry_backoff_seconds: 1, connections_per_download: 2 },
      }),
    );
    server = await start();
    token = await setUpOwner(server, PASSWORD);
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    server?.cleanUp();
    await sandbox?.close();
    rmSync(library, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('resumes an episode after kill -9 and fetches it less than 1.2 times', async () => {
    expect(
      (await api('POST', '/api/anime/add', { key: 'sternenwanderer', site: 'aniworld' })).status,
    ).toBe(201);
    // ≈2.5 MB at 2 × 100 kB/s: long enough to be killed in the middle.
    sandbox.setFaults('cdn', 'rate=100000');
    sandbox.resetStats();
    const added = await api<QueueAddResponse>('POST', '/api/queue/add', {
      serie_id: 'sternenwanderer',
      episodes: [{ season: 1, episode: 1 }],
      language: 'english-dub',
    });
    expect(added.status).toBe(201);
    const id = added.body.added[0].id;

    await itemWhen(id, 'a third of the file', (i) => (i.progress?.percent ?? 0) >= 30);
    await server?.stop('SIGKILL');
    const partials = readdirSync(library, { recursive: true }).map(String);
    expect(partials.some(isPartialFile)).toBe(true);

    sandbox.clearFaults();
    server = await start();
    const done = await itemWhen(id, 'completion after the restart', (i) =>
      ['completed', 'failed'].includes(i.status),
    );
    expect(done).toMatchObject({
      status: 'completed',
      hoster: 'Vidoza',
      serie_id: 'sternenwanderer',
    });
    const path = done.file_path ?? '';
    expect(path).toBe(
      join(
        library,
        'Sternenwanderer (2019)',
        'Season 01',
        'Sternenwanderer - S01E01 - Ein Stern fällt.mp4',
      ),
    );
    expect(existsSync(path)).toBe(true);
    const ffprobe = locateMediaTool('ffprobe');
    if (ffprobe) {
      const streams = execFileSync(ffprobe, [
        '-v',
        'error',
        '-show_entries',
        'stream=codec_type',
        '-of',
        'csv=p=0',
        path,
      ]).toString();
      expect(streams).toContain('video');
    }

    const size = statSync(path).size;
    const media = Object.entries(sandbox.stats().by_path).filter(([p]) => p.startsWith('/cdn/'));
    const served = media.reduce((sum, [, s]) => sum + s.bytes, 0);
    expect(served).toBeGreaterThanOrEqual(size);
    expect(served).toBeLessThan(1.2 * size);
    expect(readdirSync(library, { recursive: true }).map(String).filter(isPartialFile)).toEqual([]);

    const status = await queueSnapshot(async (path) => (await api('GET', path)).body);
    expect(
      status.completed_downloads.filter((i) => i.episode === 1 && i.season === 1),
    ).toHaveLength(1);
  }, 180_000);

  it('suspends the active download on SIGTERM (partial kept, lease released) and resumes it at the next start', async () => {
    expect(
      (await api('POST', '/api/anime/add', { key: 'maedchen-und-drachen', site: 'aniworld' }))
        .status,
    ).toBe(201);
    sandbox.setFaults('cdn', 'rate=100000');
    sandbox.resetStats();
    const added = await api<QueueAddResponse>('POST', '/api/queue/add', {
      serie_id: 'maedchen-und-drachen',
      episodes: [{ season: 1, episode: 1 }],
      language: 'german-sub',
    });
    const id = added.body.added[0].id;
    await itemWhen(id, 'a third of the file', (i) => (i.progress?.percent ?? 0) >= 30);
    expect(await server?.stop('SIGTERM')).toBe(0);
    expect(readdirSync(library, { recursive: true }).map(String).some(isPartialFile)).toBe(true);

    sandbox.clearFaults();
    server = await start();
    const done = await itemWhen(id, 'completion after the restart', (i) =>
      ['completed', 'failed'].includes(i.status),
    );
    expect(done).toMatchObject({ status: 'completed', hoster: 'Vidoza', attempts: 0 });
    const size = statSync(done.file_path ?? '').size;
    const served = Object.entries(sandbox.stats().by_path)
      .filter(([p]) => p.startsWith('/cdn/'))
      .reduce((sum, [, s]) => sum + s.bytes, 0);
    expect(served).toBeLessThan(1.2 * size);
  }, 180_000);
});
