import { type Sandbox, startSandbox } from '@aniworld/sandbox';
import { existsSync, rmSync } from 'node:fs';
import type {
  AnimeDetail,
  AnimeEpisode,
  NotificationListResponse,
  QueueAddResponse,
} from '@aniworld/contracts';
import { SeriesRepository } from '../anime/series.repository';
import { listAll, waitForItem } from '../../test/helpers/queue';
import { FAST_PROVIDERS, startTestApp, tempDir, type TestApp } from '../../test/helpers/test-app';

// Real downloads over loopback; the tests wait for states, never for time.
jest.setTimeout(90_000);

describe('languages in the queue: refusal, fallback, upgrade (HTTP, sandbox)', () => {
  let sandbox: Sandbox;
  let t: TestApp;
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
          security: { rate_limit_per_minute: 100000 },
          downloads: {
            concurrency: 1,
            max_retries: 1,
            retry_backoff_seconds: 1,
            // Season 2 of the sandbox's series has no dub: German Dub is wanted, English Sub comes.
            language_preference: ['german-dub', 'english-sub'],
          },
        },
      },
    );
    api = t.api(await t.setUp());
    await t.app.get(SeriesRepository).upsert({
      key: 'sternenwanderer',
      name: 'Sternenwanderer',
      site: 'aniworld',
      folder: 'Sternenwanderer (2019)',
      year: 2019,
    });
  }, 60_000);

  afterAll(async () => {
    await t.close();
    await sandbox.close();
    rmSync(animeDir, { recursive: true, force: true });
  });

  const add = async (body: Record<string, unknown>): Promise<QueueAddResponse> =>
    (await api.post('/api/queue/add').send(body).expect(201)).body as QueueAddResponse;
  const episode = async (season: number, number: number): Promise<AnimeEpisode> => {
    const detail = (await api.get('/api/anime/sternenwanderer').expect(200)).body as AnimeDetail;
    const found = detail.seasons
      .flatMap((s) => s.episodes)
      .find((e) => e.season === season && e.episode === number);
    if (!found) throw new Error(`no S${season}E${number}`);
    return found;
  };

  it('refuses an episode in a language the site does not offer, naming the ones it has', async () => {
    const res = await api
      .post('/api/queue/add')
      .send({
        serie_id: 'sternenwanderer',
        episodes: [{ season: 1, episode: 2 }],
        language: 'english-dub',
      })
      .expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details[0].field).toBe('language');
    const [reason] = res.body.details[0].errors as string[];
    expect(reason).toMatch(/^S01E02 is offered in .* only$/);
    for (const label of ['German Dub', 'German Sub', 'English Sub'])
      expect(reason).toContain(label);
    expect(reason).not.toContain('English Dub');
    expect(await listAll(api, 'pending')).toEqual([]);
    // Looked up on the episode page and kept: the series page offers only these now.
    expect((await episode(1, 2)).languages.sort()).toEqual([
      'english-sub',
      'german-dub',
      'german-sub',
    ]);
  });

  it('records a fallback on the item, the episode and the notification, then upgrades the file', async () => {
    const { added } = await add({
      serie_id: 'sternenwanderer',
      episodes: [{ season: 2, episode: 1 }],
    });
    const done = await waitForItem(api, added[0].id, (i) => i.status === 'completed', 'completed');
    expect(done).toMatchObject({
      downloaded_language: 'english-sub',
      fallback_from: 'german-dub',
      upgrade: false,
    });
    expect(await episode(2, 1)).toMatchObject({
      is_downloaded: true,
      downloaded_language: 'english-sub',
      fallback: true,
      upgrade_language: null,
      queue_status: null,
    });
    const notes = (await api.get('/api/notifications').expect(200))
      .body as NotificationListResponse;
    const note = notes.items.find((n) => n.data?.['item_id'] === added[0].id);
    expect(note).toMatchObject({
      level: 'warning',
      title: 'Downloaded Sternenwanderer S02E01 in English Sub instead of German Dub',
    });
    expect(note?.message).toContain('the site does not offer German Dub yet');

    // German Sub is now preferred to English Sub, and the site has it: an upgrade is offered.
    await api
      .put('/api/config')
      .send({ downloads: { language_preference: ['german-dub', 'german-sub', 'english-sub'] } })
      .expect(200);
    expect((await episode(2, 1)).upgrade_language).toBe('german-sub');

    sandbox.resetStats();
    const upgrade = await add({
      serie_id: 'sternenwanderer',
      episodes: [
        { season: 2, episode: 1 },
        { season: 1, episode: 1 },
      ],
      upgrade: true,
    });
    expect(upgrade.added.map((i) => [i.season, i.episode, i.upgrade])).toEqual([[2, 1, true]]);
    expect(upgrade.skipped).toEqual([
      { season: 1, episode: 1, reason: expect.stringMatching(/not downloaded/) as string },
    ]);
    const upgraded = await waitForItem(
      api,
      upgrade.added[0].id,
      (i) => i.status === 'completed',
      'upgrade completed',
    );
    expect(upgraded).toMatchObject({
      downloaded_language: 'german-sub',
      fallback_from: 'german-dub',
    });
    const after = await episode(2, 1);
    expect(after).toMatchObject({
      downloaded_language: 'german-sub',
      fallback: true,
      upgrade_language: null,
    });
    expect(after.file_path && existsSync(after.file_path)).toBe(true);
    // Downloaded again, not taken from the old file at the same path.
    expect(Object.keys(sandbox.stats().by_path).some((p) => p.startsWith('/cdn/'))).toBe(true);
  });

  it('puts a download suspended by a pause before the items that never started', async () => {
    sandbox.setFaults('cdn', 'rate=40000');
    try {
      const first = await add({
        serie_id: 'sternenwanderer',
        episodes: [{ season: 1, episode: 3 }],
      });
      const id = first.added[0].id;
      await waitForItem(api, id, (i) => (i.progress?.bytes_done ?? 0) > 0, 'bytes arriving');
      const later = await add({
        serie_id: 'sternenwanderer',
        episodes: [
          { season: 1, episode: 4 },
          { season: 2, episode: 2 },
        ],
      });
      // The newest one moved to the top of the waiting items while the first runs.
      await api
        .post('/api/queue/reorder')
        .send({ item_id: later.added[1].id, new_position: 0 })
        .expect(200);
      await api.post('/api/queue/pause').expect(200);
      const pending = await listAll(api, 'pending');
      expect(pending.map((i) => i.id)).toEqual([id, later.added[1].id, later.added[0].id]);
      expect(pending[0].progress?.bytes_done).toBeGreaterThan(0);
    } finally {
      sandbox.clearFaults();
      const ids = (await listAll(api, 'pending')).map((i) => i.id);
      if (ids.length) await api.delete('/api/queue').send({ item_ids: ids }).expect(204);
      await api.post('/api/queue/resume').expect(200);
    }
  });
});
