import type {
  AppNotification,
  NotificationListResponse,
  QueueAddResponse,
  QueueItem,
} from '@aniworld/contracts';
import { isPartialFile } from '@aniworld/downloader';
import { type Sandbox, startSandbox } from '@aniworld/sandbox';
import {
  apiCall,
  insideView,
  spawnBuiltServer,
  tmpfsAvailable,
  type ServerProcess,
  waitFor,
} from '@aniworld/testing';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { type QueueSnapshot, queueSnapshot } from './support/queue';
import { setUpOwner } from './support/server-process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PASSWORD = 'DiskFull-Passw0rd!';
const MiB = 1024 * 1024;

/**
 * The library is a real 16 MiB tmpfs (the server runs in its own mount namespace) that the test
 * fills up to leave 0.5 MiB, less than one episode: the first download runs out of space. That is
 * not the episode's fault and every other one would fail the same way, so the queue pauses with
 * the item back in line and the rest untouched, and the operator gets one notification saying what
 * to fix. Once space is freed, resuming downloads everything.
 */
(tmpfsAvailable() ? describe : describe.skip)('disk full in the library (built server)', () => {
  let sandbox: Sandbox;
  let library: string;
  let server: ServerProcess;
  let token = '';

  const api = <T>(method: string, path: string, body?: unknown) =>
    apiCall<T>(server.url, token, method, path, body);

  async function statusWhen(
    what: string,
    predicate: (s: QueueSnapshot) => boolean,
  ): Promise<QueueSnapshot> {
    let last: QueueSnapshot | null = null;
    return waitFor(
      async () => {
        last = await queueSnapshot((path) => api('GET', path));
        return predicate(last) ? last : null;
      },
      what,
      { timeoutMs: 60_000, intervalMs: 100, detail: () => JSON.stringify(last, null, 1) },
    );
  }

  /** Files (not folders) in the library as the server sees it, relative to it. */
  const libraryFiles = (): string[] => {
    const root = insideView(server.child.pid ?? 0, library);
    return readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((e) => !e.isDirectory())
      .map((e) => join(e.parentPath, e.name).slice(root.length + 1))
      .sort();
  };

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    library = mkdtempSync(join(tmpdir(), 'aniworld-diskfull-lib-'));
    server = await spawnBuiltServer({
      env: {
        ANIME_DIRECTORY: library,
        ANIWORLD_BASE_URL: `${sandbox.baseUrl}/aniworld`,
        STO_BASE_URL: `${sandbox.baseUrl}/sto`,
      },
      settings: {
        security: { rate_limit_per_minute: 100000 },
        providers: { requests_per_second: 50, retries: 1 },
        // One at a time: the items after the first one must not even start.
        downloads: { concurrency: 1, connections_per_download: 2 },
      },
      tmpfs: { dir: library, sizeBytes: 16 * MiB },
    });
    token = await setUpOwner(server, PASSWORD);
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    server?.cleanUp();
    await sandbox?.close();
    rmSync(library, { recursive: true, force: true });
  });

  it('pauses the queue with every item still pending, says what to fix, and finishes after space is freed', async () => {
    const ballast = join(insideView(server.child.pid ?? 0, library), 'ballast');
    writeFileSync(ballast, Buffer.alloc(15.5 * MiB));
    await api('POST', '/api/anime/add', { key: 'sternenwanderer', site: 'aniworld' });
    const added = await api<QueueAddResponse>('POST', '/api/queue/add', {
      serie_id: 'sternenwanderer',
      episodes: [1, 2, 4].map((episode) => ({ season: 1, episode })),
      language: 'german-dub',
    });
    const ids = added.added.map((i) => i.id);
    expect(ids).toHaveLength(3);

    // The pause is stored first (so no worker claims the next item), then the running item is put
    // back in line: wait for both. The snapshot reads the pending list before the status (it follows
    // items forward: pending → active → finished), so a snapshot taken while the item goes back
    // can show it nowhere; wait until it is in the pending list itself.
    const paused = await statusWhen(
      'the queue to pause with the item back in line',
      (s) =>
        s.is_paused &&
        s.active_downloads.length === 0 &&
        s.pending_queue.some((i) => i.id === ids[0]),
    );
    expect(paused.failed_downloads).toEqual([]);
    expect(paused.active_downloads).toEqual([]);
    const pending = (id: string): QueueItem | undefined =>
      paused.pending_queue.find((i) => i.id === id);
    // The first item is back in line, first, without an attempt used up, with the reason.
    expect(paused.pending_queue.map((i) => i.id)).toEqual(ids);
    expect(pending(ids[0])).toMatchObject({ status: 'pending', attempts: 0 });
    expect(pending(ids[0])?.error).toMatch(/^no space left on the device while writing /);
    // The others never ran.
    for (const id of ids.slice(1))
      expect(pending(id)).toMatchObject({ status: 'pending', attempts: 0, error: null });

    const { items } = await api<NotificationListResponse>('GET', '/api/notifications');
    expect(items.filter((n) => n.kind === 'download_failed')).toEqual([]);
    const pausedNotes = items.filter((n: AppNotification) => n.title === 'Download queue paused');
    expect(pausedNotes).toHaveLength(1);
    expect(pausedNotes[0]).toMatchObject({ kind: 'system', level: 'error' });
    expect(pausedNotes[0].message).toMatch(/^No space left on the device while writing /);
    expect(pausedNotes[0].message).toContain(
      'Free some space on the disk of the anime directory, then resume the queue.',
    );
    // The downloader removed what it had written: the space is free again for the retry.
    expect(libraryFiles()).toEqual(['ballast']);

    // The operator frees space and resumes: everything downloads.
    rmSync(ballast);
    await api('POST', '/api/queue/resume');
    const done = await statusWhen(
      'all three episodes',
      (s) => s.completed_downloads.length + s.failed_downloads.length === 3,
    );
    expect(done.failed_downloads).toEqual([]);
    expect(done.completed_downloads.map((i) => i.attempts)).toEqual([0, 0, 0]);
    const files = libraryFiles();
    expect(files.filter((f) => f.endsWith('.mp4'))).toHaveLength(3);
    expect(files.filter(isPartialFile)).toEqual([]);
  }, 120_000);
});
