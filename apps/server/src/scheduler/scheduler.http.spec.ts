import { type Sandbox, startSandbox } from '@aniworld/sandbox';
import type {
  AnimeDetail,
  HealthResponse,
  JobFinishedEvent,
  JobStartedEvent,
  SchedulerResponse,
} from '@aniworld/contracts';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import request from 'supertest';
import { queueSnapshot, waitForQueue } from '../../test/helpers/queue';
import { joinRoom } from '../../test/helpers/socket';
import { FAST_PROVIDERS, startTestApp, type TestApp, tempDir } from '../../test/helpers/test-app';
import { waitUntil } from '../../test/helpers/wait';

const SETTINGS = {
  // No page cache: the test publishes an episode and expects the next read to see it.
  providers: { ...FAST_PROVIDERS.providers, cache_ttl_seconds: 0 },
  security: { rate_limit_per_minute: 100000 },
  downloads: { max_retries: 1, retry_backoff_seconds: 1 },
};

describe('scheduler API, monitoring and auto-queue against the sandbox (HTTP)', () => {
  let sandbox: Sandbox;
  let t: TestApp;
  let token: string;
  let api: ReturnType<TestApp['api']>;
  let library: string;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    library = tempDir('aniworld-library-');
    t = await startTestApp(
      {
        ANIWORLD_BASE_URL: `${sandbox.baseUrl}/aniworld`,
        STO_BASE_URL: `${sandbox.baseUrl}/sto`,
        ANIME_DIRECTORY: library,
      },
      { settings: SETTINGS },
    );
    token = await t.setUp();
    api = t.api(token);
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    await sandbox?.close();
    rmSync(library, { recursive: true, force: true });
  });

  const scheduler = async () =>
    (await api.get('/api/scheduler').expect(200)).body as SchedulerResponse;
  const job = async (name: string) => (await scheduler()).jobs.find((j) => j.name === name);

  it('needs a session', async () => {
    await request(t.url).get('/api/scheduler').expect(401);
    await request(t.url).post('/api/scheduler/trigger-rescan').expect(401);
  });

  it('lists the jobs with their next run in UTC and the settings', async () => {
    const view = await scheduler();
    expect(view.settings).toMatchObject({ enabled: true, schedule_time: '03:00', timezone: null });
    expect(view.jobs.map((j) => j.name).sort()).toEqual([
      'arr_catalogue_refresh',
      'arr_library_warm',
      'housekeeping',
      'library_rescan',
      'new_episodes',
    ]);
    const rescan = view.jobs.find((j) => j.name === 'library_rescan');
    // TZ=UTC in tests, so "the server's zone" is UTC.
    expect(rescan?.schedule).toBe('daily 03:00 UTC');
    expect(rescan?.next_run).toMatch(/^\d{4}-\d\d-\d\dT03:00:00\.000Z$/);
    expect(Date.parse(rescan?.next_run ?? '')).toBeGreaterThan(Date.now());
  });

  it('refuses a bad time with a 400 naming the field, and recomputes the next run on a change', async () => {
    const bad = await api.put('/api/scheduler').send({ schedule_time: '25:99' }).expect(400);
    expect(JSON.stringify(bad.body.details)).toContain('schedule_time');
    const zone = await api.put('/api/scheduler').send({ timezone: 'Mars/Olympus' }).expect(400);
    expect(JSON.stringify(zone.body.details)).toContain('timezone');
    await api.put('/api/scheduler').send({ interval_minutes: 0 }).expect(400);

    const changed = (
      await api
        .put('/api/scheduler')
        .send({ schedule_time: '04:15', timezone: 'Asia/Tokyo' })
        .expect(200)
    ).body as SchedulerResponse;
    const rescan = changed.jobs.find((j) => j.name === 'library_rescan');
    expect(rescan?.schedule).toBe('daily 04:15 Asia/Tokyo');
    // 04:15 in Tokyo (UTC+9, no DST) is 19:15 UTC the day before.
    expect(rescan?.next_run).toMatch(/T19:15:00\.000Z$/);
    const health = (await request(t.url).get('/health')).body as HealthResponse;
    expect(health.scheduler_next_run).toBe(rescan?.next_run);

    const every = (await api.put('/api/scheduler').send({ interval_minutes: 90 }).expect(200))
      .body as SchedulerResponse;
    expect(every.jobs.find((j) => j.name === 'library_rescan')?.schedule).toBe('every 90 min');
    await api.put('/api/scheduler').send({ interval_minutes: null }).expect(200);
  });

  it('answers 404 for a job that does not exist', async () => {
    const res = await api.post('/api/scheduler/jobs/no_such_job/run').expect(404);
    expect(res.body.code).toBe('JOB_NOT_FOUND');
  });

  it('queues and downloads the missing episodes of a monitored series after trigger-rescan, with no queue call', async () => {
    const socket: Socket = io(t.url, {
      path: '/socket.io',
      auth: { token },
      transports: ['websocket'],
    });
    const started: JobStartedEvent[] = [];
    const finished: JobFinishedEvent[] = [];
    socket.on('job_started', (e: JobStartedEvent) => started.push(e));
    socket.on('job_finished', (e: JobFinishedEvent) => finished.push(e));
    try {
      await joinRoom(socket, 'scheduler');
      const added = (
        await api
          .post('/api/anime/add')
          .send({ key: 'kleine-katze-kuro', site: 'aniworld', monitor: true })
          .expect(201)
      ).body as AnimeDetail;
      expect(added.monitored).toBe(true);
      // An unmonitored series with missing episodes stays untouched.
      await api.post('/api/anime/add').send({ key: 'dot-dot-etc', site: 'aniworld' }).expect(201);
      const folder = join(library, added.folder ?? '');
      mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, 'Kleine Katze Kuro - S01E01.mkv'), 'already here');

      await api.post('/api/scheduler/trigger-rescan').expect(202);
      const done = await waitForQueue(
        api,
        (s) => s.completed_downloads.length + s.failed_downloads.length >= 2,
        'the two missing episodes to be downloaded',
        120_000,
      );
      expect(done.failed_downloads).toEqual([]);
      expect(done.completed_downloads.map((i) => [i.serie_id, i.season, i.episode]).sort()).toEqual(
        [
          ['kleine-katze-kuro', 1, 2],
          ['kleine-katze-kuro', 1, 3],
        ],
      );
      const detail = (await api.get('/api/anime/kleine-katze-kuro').expect(200))
        .body as AnimeDetail;
      expect(detail.missing_episodes).toBe(0);

      await waitUntil(
        async () => (await job('library_rescan'))?.last_run?.outcome === 'succeeded',
        'the rescan run to be recorded',
      );
      expect(started.some((e) => e.job === 'library_rescan' && e.trigger === 'manual')).toBe(true);
      expect(finished.find((e) => e.job === 'library_rescan')?.outcome).toBe('succeeded');
      const health = (await request(t.url).get('/health')).body as HealthResponse;
      expect(health.scheduler_last_run).toBe((await job('library_rescan'))?.last_run?.finished_at);

      // A new episode comes out: the new-episodes job finds it and it is downloaded.
      const published = sandbox.publishEpisode('kleine-katze-kuro');
      await api.post('/api/scheduler/jobs/new_episodes/run').expect(202);
      const after = await waitForQueue(
        api,
        (s) =>
          [...s.completed_downloads, ...s.failed_downloads].some(
            (i) => i.episode === published.episode,
          ),
        'the published episode to be downloaded',
        120_000,
      );
      expect(after.failed_downloads).toEqual([]);
      await waitUntil(
        async () => (await job('new_episodes'))?.last_run?.outcome === 'succeeded',
        'the new-episodes run to be recorded',
      );
      expect((await job('new_episodes'))?.last_run?.message).toMatch(/1 episodes queued/);
      const list = await queueSnapshot(api);
      expect(list.completed_downloads.every((i) => i.serie_id === 'kleine-katze-kuro')).toBe(true);

      // Nothing new on the new-episodes page and the series read less than a day ago: the next
      // check reads that page only, not the series' own pages.
      sandbox.resetStats();
      const before = (await job('new_episodes'))?.last_run?.finished_at;
      await api.post('/api/scheduler/jobs/new_episodes/run').expect(202);
      await waitUntil(
        async () => (await job('new_episodes'))?.last_run?.finished_at !== before,
        'the second new-episodes run',
      );
      const paths = Object.keys(sandbox.stats().by_path);
      expect(paths).toContain('/aniworld/neue-episoden');
      expect(paths.filter((p) => p.includes('kleine-katze-kuro'))).toEqual([]);
      expect((await job('new_episodes'))?.last_run?.message).toMatch(/0 series refreshed/);
    } finally {
      socket.close();
    }
  }, 240_000);

  it('answers 409 to trigger-rescan while a scan runs', async () => {
    // A folder nobody knows makes the scan search the site, which hangs until the scan is cancelled.
    mkdirSync(join(library, 'Voellig Unbekannt (2001)'));
    sandbox.setFaults('aniworld', 'latency=600000');
    sandbox.setFaults('sto', 'latency=600000');
    try {
      await api.post('/api/anime/rescan').expect(202);
      const res = await api.post('/api/scheduler/trigger-rescan').expect(409);
      expect(res.body.code).toBe('SCAN_IN_PROGRESS');
      await api.post('/api/anime/scan/cancel').expect(204);
    } finally {
      sandbox.clearFaults();
    }
  });

  it('toggles monitoring with PATCH', async () => {
    const off = (
      await api.patch('/api/anime/kleine-katze-kuro').send({ monitored: false }).expect(200)
    ).body as AnimeDetail;
    expect(off.monitored).toBe(false);
    await api.patch('/api/anime/kleine-katze-kuro').send({ monitored: 'yes' }).expect(400);
  });
});
