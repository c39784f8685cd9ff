import { type Sandbox, startSandbox } from '@aniworld/sandbox';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, sep } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import type {
  DownloadCompleteEvent,
  DownloadProgressEvent,
  NotificationListResponse,
  QueueAddResponse,
  QueueStatusResponse,
} from '@aniworld/contracts';
import { isPartialFile } from '@aniworld/downloader';
import { EpisodeRepository } from '../anime/episode.repository';
import { SeriesRepository } from '../anime/series.repository';
import { DomainEvents } from '../common/events';
import { SystemSettingsRepository } from '../database/system-settings.repository';
import { NotificationsService } from '../notifications/notifications.service';
import { allItems, listAll, queueSnapshot, waitForItem } from '../../test/helpers/queue';
import { FAST_PROVIDERS, startTestApp, tempDir, type TestApp } from '../../test/helpers/test-app';
import { waitUntil } from '../../test/helpers/wait';

const HOSTILE_TITLE = '../../etc\u0001 "Böse" <Serie>: Teil/2 *?|\u001b[31m';

/** Every file under dir, relative, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name).slice(dir.length + 1));
}

function hasVideo(path: string): boolean {
  const out = execFileSync('ffprobe', [
    '-v',
    'error',
    '-show_entries',
    'stream=codec_type',
    '-of',
    'csv=p=0',
    path,
  ]).toString();
  return out.split(/\s+/).includes('video');
}

// Real downloads over loopback: on a loaded machine one takes longer than Jest's default 5 s.
// The tests wait for states (with their own deadlines), never for time.
jest.setTimeout(60_000);

describe('queue against the sandbox (HTTP)', () => {
  let sandbox: Sandbox;
  let t: TestApp;
  let token: string;
  let api: ReturnType<TestApp['api']>;
  let animeDir: string;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    animeDir = tempDir('aniworld-anime-');
    t = await startTestApp(
      {
        ANIWORLD_BASE_URL: `${sandbox.baseUrl}/aniworld`,
        STO_BASE_URL: `${sandbox.baseUrl}/sto`,
        ANIME_DIRECTORY: animeDir,
      },
      {
        settings: {
          ...FAST_PROVIDERS,
          // The tests poll the status; the general per-IP limit is not what they are about.
          security: { rate_limit_per_minute: 100000 },
          downloads: { max_retries: 1, retry_backoff_seconds: 1, concurrency: 2 },
        },
      },
    );
    token = await t.setUp();
    api = t.api(token);
    const series = t.app.get(SeriesRepository);
    await series.upsert({
      key: 'sternenwanderer',
      name: 'Sternenwanderer',
      site: 'aniworld',
      folder: 'Sternenwanderer (2019)',
      year: 2019,
    });
    await series.upsert({ key: 'dot-dot-etc', name: HOSTILE_TITLE, site: 'aniworld', year: 2024 });
    await series.upsert({
      key: 'maedchen-und-drachen',
      name: "Mädchen & Drachen: Ein 'Abenteuer'",
      site: 'sto',
      year: 2021,
    });
  }, 60_000);

  afterAll(async () => {
    await t.close();
    await sandbox.close();
    rmSync(animeDir, { recursive: true, force: true });
  });

  afterEach(async () => {
    sandbox.clearFaults();
    await api.post('/api/queue/start').expect(200);
    const status = await queueSnapshot(api);
    const ids = allItems(status).map((i) => i.id);
    if (ids.length) await api.delete('/api/queue').send({ item_ids: ids }).expect(204);
  });

  const add = async (body: Record<string, unknown>): Promise<QueueAddResponse> =>
    (await api.post('/api/queue/add').send(body).expect(201)).body as QueueAddResponse;

  it('downloads an episode under the naming template, marks it downloaded and tells the socket', async () => {
    const socket: Socket = io(t.url, {
      path: '/socket.io',
      auth: { token },
      transports: ['websocket'],
    });
    const progress: DownloadProgressEvent[] = [];
    const complete: DownloadCompleteEvent[] = [];
    socket.on('download_progress', (e: DownloadProgressEvent) => progress.push(e));
    socket.on('download_complete', (e: DownloadCompleteEvent) => complete.push(e));
    const connected = await new Promise<{ rooms: string[] }>((resolve, reject) => {
      socket.once('connected', resolve);
      socket.once('connect_error', reject);
    });
    expect(connected.rooms).toEqual([
      'downloads',
      'download_progress',
      'scan_progress',
      'scheduler',
    ]);
    // Nobody in the room yet: the queue status is not built for nobody.
    const bus = t.app.get(DomainEvents);
    expect(bus.hasAudience('queue.status')).toBe(false);
    const errors: unknown[] = [];
    socket.on('error', (e: unknown) => errors.push(e));
    socket.emit('message', { action: 'join', data: { room: 'nope' } });
    await new Promise((r) => socket.once('error', r));
    socket.emit('message', { action: 'join', data: { room: 'downloads' } });
    socket.emit('message', { action: 'join', data: { room: 'download_progress' } });
    socket.emit('message', { action: 'join', data: { room: 'scan_progress' } });
    // Requests are handled in order: the answer to a bad join means the joins before it are done.
    socket.emit('message', { action: 'join', data: { room: 'nope' } });
    await new Promise((r) => socket.once('error', r));
    await waitUntil(() => bus.hasAudience('queue.status'), 'a member in the downloads room');

    try {
      const { added, skipped } = await add({
        serie_id: 'sternenwanderer',
        episodes: [{ season: 1, episode: 1 }],
      });
      expect(skipped).toEqual([]);
      expect(added[0]).toMatchObject({
        serie_id: 'sternenwanderer',
        serie_folder: 'Sternenwanderer (2019)',
        season: 1,
        episode: 1,
        title: 'Ein Stern fällt',
        priority: 'NORMAL',
      });
      const item = await waitForItem(
        api,
        added[0].id,
        (i) => i.status === 'completed',
        'completion',
      );
      const expected = join(
        animeDir,
        'Sternenwanderer (2019)',
        'Season 01',
        'Sternenwanderer - S01E01 - Ein Stern fällt.mp4',
      );
      expect(item).toMatchObject({ hoster: 'VOE', file_path: expected, providers_tried: [] });
      expect(existsSync(expected)).toBe(true);
      expect(hasVideo(expected)).toBe(true);
      expect(filesUnder(animeDir).filter(isPartialFile)).toEqual([]);

      const episodes = t.app.get(EpisodeRepository);
      const seriesRow = await t.app.get(SeriesRepository).findByKey('sternenwanderer');
      expect(await episodes.find(seriesRow?.id ?? -1, 1, 1)).toMatchObject({
        isDownloaded: true,
        filePath: expected,
      });

      await waitUntil(() => complete.length > 0, 'download_complete on the socket');
      expect(complete[0]).toMatchObject({
        download_id: added[0].id,
        key: 'sternenwanderer',
        folder: 'Sternenwanderer (2019)',
        file_path: expected,
        hoster: 'VOE',
      });
      expect(progress.length).toBeGreaterThan(0);
      expect(progress[0]).toMatchObject({
        download_id: added[0].id,
        key: 'sternenwanderer',
        season: 1,
        episode: 1,
      });
      expect(errors).toHaveLength(2);

      const notes = (await api.get('/api/notifications').expect(200))
        .body as NotificationListResponse;
      expect(notes.items[0]).toMatchObject({
        kind: 'download_complete',
        level: 'success',
        key: 'sternenwanderer',
        read: false,
      });
      await api.post(`/api/notifications/${notes.items[0].id}/read`).expect(204);
      const after = (await api.get('/api/notifications').expect(200))
        .body as NotificationListResponse;
      expect(after.items[0].read).toBe(true);
      expect(after.unread).toBe(notes.unread - 1);
    } finally {
      socket.close();
    }
  });

  it('refuses a socket without a valid token', async () => {
    for (const auth of [{}, { token: 'not-a-jwt' }]) {
      const socket = io(t.url, {
        path: '/socket.io',
        auth,
        transports: ['websocket'],
        reconnection: false,
      });
      const error = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
      expect(error.message).toMatch(/token|jwt|session|auth/i);
      socket.close();
    }
  });

  it('never queues an episode twice, within one request or across requests', async () => {
    await api.post('/api/queue/pause').expect(200);
    const first = await add({
      serie_id: 'sternenwanderer',
      episodes: [
        { season: 1, episode: 2 },
        { season: 1, episode: 2 },
        { season: 1, episode: 3 },
      ],
    });
    expect(first.added.map((i) => i.episode)).toEqual([2, 3]);
    expect(first.skipped).toEqual([
      { season: 1, episode: 2, reason: expect.stringMatching(/more than once/) },
    ]);
    const second = await add({
      serie_id: 'sternenwanderer',
      episodes: [
        { season: 1, episode: 3 },
        { season: 1, episode: 4 },
      ],
    });
    expect(second.added.map((i) => i.episode)).toEqual([4]);
    expect(second.skipped).toEqual([
      { season: 1, episode: 3, reason: expect.stringMatching(/already queued/) },
    ]);
    const concurrent = await Promise.all(
      [1, 2, 3].map(() =>
        api
          .post('/api/queue/add')
          .send({ serie_id: 'sternenwanderer', episodes: [{ season: 2, episode: 1 }] }),
      ),
    );
    expect(concurrent.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(concurrent.flatMap((r) => (r.body as QueueAddResponse).added)).toHaveLength(1);
  });

  it('reorders pending items and removes several at once', async () => {
    await api.post('/api/queue/pause').expect(200);
    const { added } = await add({
      serie_id: 'sternenwanderer',
      episodes: [1, 2, 3].map((episode) => ({ season: 2, episode })),
    });
    const [a, b, c] = added.map((i) => i.id);
    const moved = (
      await api.post('/api/queue/reorder').send({ item_id: c, new_position: 0 }).expect(200)
    ).body as QueueStatusResponse;
    expect(moved.stats.pending).toBe(3);
    expect((await listAll(api, 'pending', 2)).map((i) => i.id)).toEqual([c, a, b]);
    await api.post('/api/queue/reorder').send({ item_id: c, new_position: 99 }).expect(200);
    expect((await listAll(api, 'pending', 2)).map((i) => i.id)).toEqual([a, b, c]);
    const high = await add({
      serie_id: 'sternenwanderer',
      priority: 'HIGH',
      episodes: [{ season: 1, episode: 4 }],
    });
    const status = await queueSnapshot(api);
    expect(status.pending_queue[0].id).toBe(high.added[0].id);

    await api
      .delete('/api/queue')
      .send({ item_ids: [a, b] })
      .expect(204);
    await api.delete(`/api/queue/${c}`).expect(204);
    const left = await queueSnapshot(api);
    expect(left.pending_queue.map((i) => i.id)).toEqual([high.added[0].id]);
  });

  it('cancels an active download when it is removed and deletes its partial file', async () => {
    sandbox.setFaults('cdn', 'rate=40000');
    const { added } = await add({
      serie_id: 'sternenwanderer',
      episodes: [{ season: 1, episode: 4 }],
    });
    const id = added[0].id;
    await waitForItem(
      api,
      id,
      (i) => i.status === 'downloading' && (i.progress?.bytes_done ?? 0) > 0,
      'bytes arriving',
    );
    expect(filesUnder(animeDir).some((f) => f.includes('S01E04') && isPartialFile(f))).toBe(true);
    await api.delete(`/api/queue/${id}`).expect(204);
    const status = await queueSnapshot(api);
    expect(allItems(status).find((i) => i.id === id)).toBeUndefined();
    expect(filesUnder(animeDir).filter((f) => f.includes('S01E04'))).toEqual([]);
  });

  it('pauses (partial kept), resumes to completion, stops and starts, and remembers the state', async () => {
    sandbox.setFaults('cdn', 'rate=40000');
    const { added } = await add({
      serie_id: 'sternenwanderer',
      episodes: [{ season: 2, episode: 2 }],
    });
    const id = added[0].id;
    await waitForItem(api, id, (i) => (i.progress?.bytes_done ?? 0) > 0, 'bytes arriving');
    const paused = (await api.post('/api/queue/pause').expect(200)).body as QueueStatusResponse;
    expect(paused).toMatchObject({ is_running: true, is_paused: true, active_downloads: [] });
    const [suspended] = await listAll(api, 'pending');
    expect(suspended).toMatchObject({ id, status: 'pending' });
    expect(suspended.progress?.bytes_done).toBeGreaterThan(0);
    expect(filesUnder(animeDir).some((f) => f.includes('S02E02') && isPartialFile(f))).toBe(true);
    expect(await t.app.get(SystemSettingsRepository).get('queue.state')).toEqual({
      running: true,
      paused: true,
    });

    sandbox.clearFaults();
    const resumed = (await api.post('/api/queue/resume').expect(200)).body as QueueStatusResponse;
    expect(resumed.is_paused).toBe(false);
    await waitForItem(api, id, (i) => i.status === 'completed', 'completion after resume');

    const stopped = (await api.post('/api/queue/stop').expect(200)).body as QueueStatusResponse;
    expect(stopped).toMatchObject({ is_running: false, is_paused: false });
    const { added: waiting } = await add({
      serie_id: 'sternenwanderer',
      episodes: [{ season: 2, episode: 3 }],
    });
    expect((await queueSnapshot(api)).pending_queue.map((i) => i.id)).toEqual([waiting[0].id]);
    expect((await api.post('/api/queue/start').expect(200)).body).toMatchObject({
      is_running: true,
      is_paused: false,
    });

    const completed = (await queueSnapshot(api)).completed_downloads.length;
    expect(completed).toBeGreaterThan(0);
    expect((await api.delete('/api/queue/completed').expect(200)).body).toEqual({
      removed: completed,
    });
    const cleared = await queueSnapshot(api);
    expect(cleared.completed_downloads.find((i) => i.id === id)).toBeUndefined();
    expect((await api.delete('/api/queue/completed').expect(200)).body).toEqual({ removed: 0 });
  });

  it('rotates to the next hoster when the first one is broken', async () => {
    sandbox.setFaults('voe', 'status=500');
    const { added } = await add({
      serie_id: 'sternenwanderer',
      language: 'german-dub',
      episodes: [{ season: 1, episode: 2 }],
    });
    const item = await waitForItem(api, added[0].id, (i) => i.status === 'completed', 'completion');
    expect(item.hoster).toBe('Filemoon');
    expect(item.providers_tried).toEqual([
      expect.objectContaining({
        hoster: 'VOE',
        language: 'german-dub',
        error_code: 'UPSTREAM_ERROR',
      }),
    ]);
    expect(existsSync(item.file_path ?? '')).toBe(true);
  });

  it('shows an item completed only once its notification is written', async () => {
    const notifications = t.app.get(NotificationsService);
    const create = notifications.create.bind(notifications);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let writing = false;
    // Hold the note open, so the window in which "completed" could come too early is wide.
    const spy = jest.spyOn(notifications, 'create').mockImplementation(async (note) => {
      if (note.kind === 'download_complete') {
        writing = true;
        await gate;
      }
      return create(note);
    });
    try {
      const { added } = await add({
        serie_id: 'sternenwanderer',
        language: 'german-sub',
        episodes: [{ season: 0, episode: 2 }],
      });
      await waitUntil(() => writing, 'the completion note to be written');
      const status = await queueSnapshot(api);
      expect(allItems(status).find((i) => i.id === added[0].id)?.status).not.toBe('completed');
      release();
      await waitForItem(api, added[0].id, (i) => i.status === 'completed', 'completion');
      const notes = (await api.get('/api/notifications').expect(200))
        .body as NotificationListResponse;
      expect(notes.items).toContainEqual(
        expect.objectContaining({
          kind: 'download_complete',
          data: expect.objectContaining({ item_id: added[0].id }),
        }),
      );
    } finally {
      release();
      spy.mockRestore();
    }
  });

  it('skips a hoster that answers a gzip bomb and completes with the next one', async () => {
    // 1 GiB once inflated: the first hoster fails typed, the server stays up, the item goes on.
    sandbox.setFaults('voe', 'bomb=1024');
    const { added } = await add({
      serie_id: 'sternenwanderer',
      language: 'german-dub',
      episodes: [{ season: 0, episode: 1 }],
    });
    const item = await waitForItem(api, added[0].id, (i) => i.status === 'completed', 'completion');
    expect(item.hoster).toBe('Filemoon');
    expect(item.providers_tried).toEqual([
      expect.objectContaining({ hoster: 'VOE', error_code: 'UPSTREAM_ERROR' }),
    ]);
    expect(item.providers_tried[0].error).toMatch(/exceeds \d+ bytes once inflated/);
    await api.get('/health').expect(200);
  });

  it('fails with a reason per hoster when every hoster is broken, and retries on request', async () => {
    // S01E03 in German Dub: VOE says the video is gone, the other two answer 500.
    for (const prefix of ['filemoon', 'vidmoly']) sandbox.setFaults(prefix, 'status=500');
    const { added } = await add({
      serie_id: 'sternenwanderer',
      language: 'german-dub',
      episodes: [{ season: 1, episode: 3 }],
    });
    const id = added[0].id;
    const failed = await waitForItem(api, id, (i) => i.status === 'failed', 'failure');
    expect(failed.providers_tried.map((a) => [a.hoster, a.error_code])).toEqual([
      ['VOE', 'VIDEO_GONE'],
      ['Filemoon', 'UPSTREAM_ERROR'],
      ['Vidmoly', 'UPSTREAM_ERROR'],
    ]);
    expect(failed.error).toMatch(/VOE.*Filemoon.*Vidmoly/);
    const notes = (await api.get('/api/notifications').expect(200))
      .body as NotificationListResponse;
    expect(notes.items[0]).toMatchObject({
      kind: 'download_failed',
      level: 'error',
      key: 'sternenwanderer',
    });

    sandbox.clearFaults();
    await api.post('/api/queue/retry').send({ item_ids: [] }).expect(200);
    const done = await waitForItem(
      api,
      id,
      (i) => i.status === 'completed',
      'completion after retry',
    );
    // A definite failure used one attempt of the two allowed: the retry keeps the count.
    expect(done).toMatchObject({ hoster: 'Filemoon', attempts: 1, error: null });
    await api.post('/api/notifications/read-all').expect(204);
    expect(
      ((await api.get('/api/notifications').expect(200)).body as NotificationListResponse).unread,
    ).toBe(0);
  });

  it('puts an item back with a backoff when the site fails transiently, then completes it', async () => {
    await api.post('/api/queue/pause').expect(200);
    const { added } = await add({
      serie_id: 'sternenwanderer',
      episodes: [{ season: 2, episode: 1 }],
    });
    const id = added[0].id;
    sandbox.setFaults('aniworld', 'status=503');
    await api.post('/api/queue/resume').expect(200);
    const waiting = await waitForItem(api, id, (i) => i.attempts === 1, 'the first failed run');
    expect(waiting).toMatchObject({ status: 'pending', error: expect.stringMatching(/503/) });
    expect(Date.parse(waiting.next_attempt_at ?? '')).toBeGreaterThan(
      Date.parse(waiting.created_at),
    );
    sandbox.clearFaults();
    const done = await waitForItem(api, id, (i) => i.status === 'completed', 'the retry');
    expect(done).toMatchObject({ attempts: 1, error: null });
  });

  it('retries an item that used all its retries only when asked to start its attempts over', async () => {
    await api.post('/api/queue/pause').expect(200);
    const { added } = await add({
      serie_id: 'sternenwanderer',
      episodes: [{ season: 2, episode: 2 }],
    });
    const id = added[0].id;
    sandbox.setFaults('aniworld', 'status=503');
    await api.post('/api/queue/resume').expect(200);
    // max_retries 1: the first run and one retry, then failed with 2 attempts.
    const failed = await waitForItem(api, id, (i) => i.status === 'failed', 'the last retry');
    expect(failed.attempts).toBe(2);
    sandbox.clearFaults();

    const refused = await api
      .post('/api/queue/retry')
      .send({ item_ids: [id] })
      .expect(409);
    expect(refused.body).toMatchObject({
      code: 'CONFLICT',
      details: { item_ids: [id], max_retries: 1 },
    });
    expect(refused.body.message).toContain('reset_attempts: true');
    // Retrying every failed item skips it.
    await api.post('/api/queue/retry').send({ item_ids: [] }).expect(200);
    const status = await queueSnapshot(api);
    expect(status.failed_downloads.map((i) => i.id)).toContain(id);

    await api
      .post('/api/queue/retry')
      .send({ item_ids: [id], reset_attempts: true })
      .expect(200);
    const done = await waitForItem(api, id, (i) => i.status === 'completed', 'the fresh start');
    expect(done).toMatchObject({ attempts: 0, error: null });
  }, 60_000);

  it('keeps a hostile series title inside the library', async () => {
    const { added } = await add({ serie_id: 'dot-dot-etc', episodes: [{ season: 1, episode: 1 }] });
    const item = await waitForItem(api, added[0].id, (i) => i.status === 'completed', 'completion');
    const path = item.file_path ?? '';
    expect(path.startsWith(animeDir + sep)).toBe(true);
    const parts = path.slice(animeDir.length + 1).split(sep);
    expect(parts).toHaveLength(3);
    expect(parts[1]).toBe('Season 01');
    for (const part of parts) {
      expect(part).not.toMatch(/^\.|[<>:"|?*]/);
      expect([...part].some((c) => c.charCodeAt(0) < 32)).toBe(false);
    }
    expect(hasVideo(path)).toBe(true);
  });

  it('answers bad input with 400 and unknown things with 404', async () => {
    const bad = async (body: unknown, field: string) =>
      expect(
        (
          await api
            .post('/api/queue/add')
            .send(body as object)
            .expect(400)
        ).body.details.map((d: { field: string }) => d.field),
      ).toContain(field);
    await bad({ serie_id: 'sternenwanderer', episodes: [] }, 'episodes');
    await bad(
      { serie_id: 'sternenwanderer', episodes: [{ season: 1, episode: 1 }], priority: 'URGENT' },
      'priority',
    );
    await bad(
      { serie_id: 'sternenwanderer', episodes: [{ season: 1, episode: 1 }], language: 'klingon' },
      'language',
    );
    await bad({ serie_id: '../etc', episodes: [{ season: 1, episode: 1 }] }, 'serie_id');
    await bad(
      { serie_id: 'sternenwanderer', episodes: [{ season: -1, episode: 1 }] },
      'episodes.0.season',
    );

    const unknownSeries = await api
      .post('/api/queue/add')
      .send({ serie_id: 'nope', episodes: [{ season: 1, episode: 1 }] })
      .expect(404);
    expect(unknownSeries.body.code).toBe('SERIES_NOT_FOUND');
    const unknownEpisode = await api
      .post('/api/queue/add')
      .send({ serie_id: 'sternenwanderer', episodes: [{ season: 9, episode: 9 }] })
      .expect(404);
    expect(unknownEpisode.body.code).toBe('EPISODE_NOT_FOUND');

    const ghost = '00000000-0000-4000-8000-000000000000';
    expect((await api.delete(`/api/queue/${ghost}`).expect(404)).body.code).toBe(
      'QUEUE_ITEM_NOT_FOUND',
    );
    expect(
      (
        await api
          .delete('/api/queue')
          .send({ item_ids: [ghost] })
          .expect(404)
      ).body.code,
    ).toBe('QUEUE_ITEM_NOT_FOUND');
    expect(
      (await api.post('/api/queue/reorder').send({ item_id: ghost, new_position: 0 }).expect(404))
        .body.code,
    ).toBe('QUEUE_ITEM_NOT_FOUND');
    expect(
      (
        await api
          .post('/api/queue/retry')
          .send({ item_ids: [ghost] })
          .expect(404)
      ).body.code,
    ).toBe('QUEUE_ITEM_NOT_FOUND');
    await api.delete('/api/queue/not-a-uuid').expect(400);
    await api.delete('/api/queue').send({ item_ids: [] }).expect(400);
    expect((await api.post(`/api/notifications/${ghost}/read`).expect(404)).body.code).toBe(
      'NOT_FOUND',
    );
  });

  it('requires authentication', async () => {
    const anonymous = t.api('');
    await anonymous.get('/api/queue/status').expect(401);
    await anonymous.post('/api/queue/add').send({}).expect(401);
    await anonymous.get('/api/notifications').expect(401);
  });
});

describe('queue without an anime directory (HTTP)', () => {
  it('refuses to start downloads with DOWNLOADS_DISABLED', async () => {
    const t = await startTestApp();
    try {
      const api = t.api(await t.setUp());
      const res = await api.post('/api/queue/start').expect(409);
      expect(res.body).toMatchObject({
        code: 'DOWNLOADS_DISABLED',
        message: expect.stringMatching(/anime directory/),
      });
    } finally {
      await t.close();
    }
  });
});
