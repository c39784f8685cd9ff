import { type Sandbox, startSandbox } from '@aniworld/sandbox';
import type {
  AnimeDetail,
  CalendarEntry,
  CalendarResponse,
  SchedulerResponse,
} from '@aniworld/contracts';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { FAST_PROVIDERS, startTestApp, type TestApp, tempDir } from '../../test/helpers/test-app';
import { scanToEnd } from '../../test/helpers/scan';
import { waitUntil } from '../../test/helpers/wait';
import { addDays, dayOf } from './calendar-rules';

const SETTINGS = {
  // No page cache: the test publishes an episode and expects the next check to see it.
  providers: { ...FAST_PROVIDERS.providers, cache_ttl_seconds: 0 },
};

/**
 * `GET /api/calendar` against the sandbox: the new-episodes check records the site's released
 * and announced episodes; the calendar shows those of library series with their state here.
 */
describe('calendar API (HTTP)', () => {
  let sandbox: Sandbox;
  let t: TestApp;
  let api: ReturnType<TestApp['api']>;
  let library: string;
  const today = dayOf(Date.now());

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
    api = t.api(await t.setUp());
    // Nothing downloads here: queued stays queued.
    await api.post('/api/queue/stop').expect((res) => expect(res.status).toBeLessThan(300));
    for (const key of ['kleine-katze-kuro', 'sternenwanderer'])
      await api.post('/api/anime/add').send({ key, site: 'aniworld' }).expect(201);
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    await sandbox?.close();
    rmSync(library, { recursive: true, force: true });
  });

  async function checkNewEpisodes(): Promise<void> {
    const last = async () =>
      ((await api.get('/api/scheduler').expect(200)).body as SchedulerResponse).jobs.find(
        (j) => j.name === 'new_episodes',
      )?.last_run?.finished_at ?? null;
    const before = await last();
    await api.post('/api/scheduler/jobs/new_episodes/run').expect(202);
    await waitUntil(async () => (await last()) !== before, 'the new-episodes check to finish');
  }

  async function calendar(from: string, to: string): Promise<CalendarEntry[]> {
    const body = (await api.get('/api/calendar').query({ from, to }).expect(200))
      .body as CalendarResponse;
    expect(body).toMatchObject({ from, to, truncated: false });
    return body.entries;
  }

  const of = (entries: CalendarEntry[], key: string) =>
    entries.filter((e) => e.series_key === key).map((e) => [e.season, e.episode, e.state]);

  it('needs a session and answers bad days with a 400 naming the field', async () => {
    await request(t.url).get('/api/calendar').expect(401);
    const fields = async (query: Record<string, string>) =>
      (
        (await api.get('/api/calendar').query(query).expect(400)).body as {
          details: { field: string }[];
        }
      ).details.map((d) => d.field);
    expect(await fields({ from: '2026-02-30' })).toEqual(['from']);
    expect(await fields({ from: '30.09.2026' })).toEqual(['from']);
    expect(await fields({ from: '2026-10-05', to: '2026-10-01' })).toEqual(['to']);
    expect(await fields({ from: '2026-09-01', to: '2026-10-13' })).toEqual(['to']);
    expect(await fields({ week: '2026-09-28' })).toEqual(['week']);
  });

  it('shows released and announced episodes of library series only, with their state', async () => {
    await checkNewEpisodes();
    // The sandbox dates its own new episodes in September 2026, one series per day.
    const september = await calendar('2026-09-01', '2026-09-30');
    expect(of(september, 'kleine-katze-kuro')).toEqual([[1, 3, 'missing']]);
    expect(of(september, 'sternenwanderer')).toEqual([[2, 3, 'missing']]);
    expect(
      september.every((e) => ['kleine-katze-kuro', 'sternenwanderer'].includes(e.series_key)),
    ).toBe(true);
    const kuro3 = september.find((e) => e.series_key === 'kleine-katze-kuro') as CalendarEntry;
    expect(kuro3).toMatchObject({
      release: 'released',
      series_name: 'Kleine Katze Kuro',
      site: 'aniworld',
      time: null,
    });
    expect(kuro3.title).not.toBeNull();
    expect(kuro3.languages.length).toBeGreaterThan(0);
    // Its calendar announces the next episode from tomorrow on.
    const week = await calendar(today, addDays(today, 7));
    expect(of(week, 'kleine-katze-kuro')).toEqual([[1, 4, 'upcoming']]);
    expect(week.find((e) => e.series_key === 'kleine-katze-kuro')).toMatchObject({
      release: 'announced',
      time: expect.stringMatching(/^\d\d:\d\d$/),
    });

    // The file of S01E03 appears in the library: on disk after a scan.
    const detail = (await api.get('/api/anime/kleine-katze-kuro').expect(200)).body as AnimeDetail;
    const folder = join(library, detail.folder as string);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'Kleine Katze Kuro - S01E03.mkv'), 'video');
    await scanToEnd(api);
    expect(of(await calendar('2026-09-01', '2026-09-30'), 'kleine-katze-kuro')).toEqual([
      [1, 3, 'on_disk'],
    ]);
  });

  it('moves an announced episode to its release day once it is out, and shows it queued', async () => {
    const published = sandbox.publishEpisode('kleine-katze-kuro');
    expect(published).toEqual({ season: 1, episode: 4 });
    await checkNewEpisodes();
    const week = await calendar(today, addDays(today, 7));
    expect(week.filter((e) => e.series_key === 'kleine-katze-kuro')).toEqual([
      expect.objectContaining({
        date: today,
        season: 1,
        episode: 4,
        release: 'released',
        state: 'missing',
      }),
      expect.objectContaining({ season: 1, episode: 5, release: 'announced', state: 'upcoming' }),
    ]);

    await api
      .post('/api/queue/add')
      .send({ serie_id: 'kleine-katze-kuro', episodes: [{ season: 1, episode: 4 }] })
      .expect(201);
    expect(of(await calendar(today, today), 'kleine-katze-kuro')).toEqual([[1, 4, 'queued']]);
    // The default span is this week, Monday to Sunday.
    const body = (await api.get('/api/calendar').expect(200)).body as CalendarResponse;
    expect(body.from <= today && today <= body.to).toBe(true);
    expect(new Date(`${body.from}T00:00:00Z`).getUTCDay()).toBe(1);
    expect(body.to).toBe(addDays(body.from, 6));
  });
});
