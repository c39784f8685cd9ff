import { type Sandbox, startSandbox } from '@aniworld/sandbox';
import { isPartialFile } from '@aniworld/downloader';
import { randomBytes } from 'node:crypto';
import { readdirSync, rmSync } from 'node:fs';
import { io, type Socket } from 'socket.io-client';
import type { QueueAddResponse, QueueStatusResponse } from '@aniworld/contracts';
import { SeriesRepository } from '../anime/series.repository';
import { createTempDatabase, postgresAvailable } from '../../test/helpers/postgres';
import {
  allItems,
  itemIn,
  queueSnapshot,
  waitForItem,
  waitForQueue,
} from '../../test/helpers/queue';
import { FAST_PROVIDERS, startTestApp, tempDir, type TestApp } from '../../test/helpers/test-app';
import { waitUntil } from '../../test/helpers/wait';
import { joinRoom } from '../../test/helpers/socket';
import { QueueRunner } from './worker/queue-runner.service';

/**
 * Scale-out without Redis: two instances on one PostgreSQL database and one library. The run
 * state in the database is the truth for both: what is paused, stopped, resumed or started
 * through one instance holds for the other's workers, running downloads and events.
 */
(postgresAvailable() ? describe : describe.skip)(
  'queue run state across two instances (PostgreSQL)',
  () => {
    let sandbox: Sandbox;
    let db: Awaited<ReturnType<typeof createTempDatabase>>;
    let library: string;
    let env: Record<string, string>;
    let a: TestApp | null = null;
    let b: TestApp;
    let token: string;
    let socket: Socket | null = null;
    const settings = {
      ...FAST_PROVIDERS,
      security: { rate_limit_per_minute: 100000 },
      downloads: { max_retries: 1, retry_backoff_seconds: 1, concurrency: 2 },
    };

    beforeAll(async () => {
      sandbox = await startSandbox({ port: 0 });
      db = await createTempDatabase();
      library = tempDir('aniworld-anime-');
      env = {
        DATABASE_URL: db.url,
        // Instances share sessions through the secret, as the compose file tells users to do.
        JWT_SECRET_KEY: randomBytes(32).toString('base64'),
        ANIME_DIRECTORY: library,
        ANIWORLD_BASE_URL: `${sandbox.baseUrl}/aniworld`,
        STO_BASE_URL: `${sandbox.baseUrl}/sto`,
      };
      // B alone first, so that the first download is provably B's.
      b = await startTestApp(env, { settings });
      token = await b.setUp();
      await b.app.get(SeriesRepository).upsert({
        key: 'sternenwanderer',
        name: 'Sternenwanderer',
        site: 'aniworld',
        folder: 'Sternenwanderer (2019)',
        year: 2019,
      });
    }, 60_000);

    afterAll(async () => {
      socket?.close();
      await a?.close();
      await b?.close();
      await db?.drop();
      await sandbox?.close();
      rmSync(library, { recursive: true, force: true });
    });

    const add = async (app: TestApp, episodes: number[]): Promise<string[]> => {
      const body = {
        serie_id: 'sternenwanderer',
        episodes: episodes.map((episode) => ({ season: 1, episode })),
      };
      const { added } = (await app.api(token).post('/api/queue/add').send(body).expect(201))
        .body as QueueAddResponse;
      expect(added).toHaveLength(episodes.length);
      return added.map((i) => i.id);
    };

    /** Resolves after each instance's claim loop has run a whole pass that began after the call. */
    const bothWorkersPassed = async (): Promise<void> => {
      const runners = [a, b].map((t) => (t as TestApp).app.get(QueueRunner));
      // The pass under way now may have begun before; the one after it began after the call.
      const targets = runners.map((r) => r.completedPasses + 2);
      await waitUntil(
        () => runners.every((r, i) => r.completedPasses >= targets[i]),
        'a full claim pass of both instances',
      );
    };

    const partialFiles = () =>
      readdirSync(library, { recursive: true, encoding: 'utf8' }).filter(isPartialFile);

    it('a pause through A suspends B’s download and holds both; a resume through A runs them all', async () => {
      const apiB = b.api(token);
      sandbox.setFaults('cdn', 'rate=40000');
      const [first] = await add(b, [1]);
      await waitForItem(apiB, first, (i) => (i.progress?.bytes_done ?? 0) > 0, 'bytes arriving');
      expect(b.app.get(QueueRunner).isActive(first)).toBe(true);

      a = await startTestApp(env, { settings });
      const apiA = a.api(token);
      // A client of B (no Redis: B's events reach only B's clients).
      socket = io(b.url, { path: '/socket.io', auth: { token }, transports: ['websocket'] });
      const statuses: QueueStatusResponse[] = [];
      socket.on('queue_status', (s: QueueStatusResponse) => statuses.push(s));
      await joinRoom(socket, 'downloads');

      expect((await apiA.post('/api/queue/pause').expect(200)).body).toMatchObject({
        is_running: true,
        is_paused: true,
      });
      // B's download is suspended as by a local pause: back in line, bytes and partial file kept.
      const suspended = await waitForItem(
        apiB,
        first,
        (i) => i.status === 'pending',
        'B to suspend its download',
      );
      expect(suspended.progress?.bytes_done).toBeGreaterThan(0);
      expect(b.app.get(QueueRunner).isActive(first)).toBe(false);
      expect(partialFiles().some((f) => f.includes('S01E01'))).toBe(true);
      await waitUntil(() => statuses.some((s) => s.is_paused), 'queue_status paused from B');
      expect((await apiB.get('/api/queue/status').expect(200)).body).toMatchObject({
        is_running: true,
        is_paused: true,
      });

      // Queued after the pause, through either instance: neither claims them.
      const later = [...(await add(b, [2])), ...(await add(a, [3]))];
      await bothWorkersPassed();
      const held = await queueSnapshot(apiB);
      expect(held.active_downloads).toEqual([]);
      expect(held.pending_queue.map((i) => i.id).sort()).toEqual([first, ...later].sort());

      sandbox.clearFaults();
      const seen = statuses.length;
      expect((await apiA.post('/api/queue/resume').expect(200)).body).toMatchObject({
        is_paused: false,
      });
      const done = await waitForQueue(
        apiB,
        (s) => [first, ...later].every((id) => itemIn(s, id)?.status === 'completed'),
        'every item completed after the resume',
      );
      expect(allItems(done).filter((i) => i.status !== 'completed')).toEqual([]);
      await waitUntil(
        () => statuses.slice(seen).some((s) => !s.is_paused),
        'queue_status resumed from B',
      );
      expect(partialFiles()).toEqual([]);
    }, 120_000);

    it('a stop through B holds A’s workers until a start through B', async () => {
      const apiA = (a as TestApp).api(token);
      const apiB = b.api(token);
      expect((await apiB.post('/api/queue/stop').expect(200)).body).toMatchObject({
        is_running: false,
      });
      const [waiting] = await add(a as TestApp, [4]);
      await bothWorkersPassed();
      const held = await queueSnapshot(apiA);
      expect(held).toMatchObject({ is_running: false, is_paused: false, active_downloads: [] });
      expect(held.pending_queue.map((i) => i.id)).toEqual([waiting]);

      await apiB.post('/api/queue/start').expect(200);
      await waitForItem(apiA, waiting, (i) => i.status === 'completed', 'completion after start');
    }, 60_000);
  },
);
