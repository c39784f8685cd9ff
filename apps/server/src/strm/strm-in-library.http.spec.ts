import { type Sandbox, startSandbox } from '@aniworld/sandbox';
import type {
  AnimeDetail,
  AnimeEpisode,
  QueueAddResponse,
  StrmWriteResponse,
} from '@aniworld/contracts';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listAll } from '../../test/helpers/queue';
import { scanToEnd } from '../../test/helpers/scan';
import { FAST_PROVIDERS, startTestApp, tempDir, type TestApp } from '../../test/helpers/test-app';
import { waitFor } from '../../test/helpers/wait';
import { AutoQueueService } from '../scheduler/auto-queue.service';

/**
 * A `.strm` in the library counts as present: the episode streams in the media server, so it is
 * not missing and nothing queues it by itself; it is no downloaded file, and a download the user
 * asks for replaces it (docs/strm.md, "In the library").
 */
describe('.strm files in the library (HTTP, real SQLite + sandbox)', () => {
  let sandbox: Sandbox;
  let t: TestApp;
  let api: ReturnType<TestApp['api']>;
  let library: string;
  const season = (n: number) => join(library, 'Sternenwanderer (2019)', `Season 0${n}`);

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    library = tempDir('aniworld-strm-present-');
    t = await startTestApp(
      {
        ANIWORLD_BASE_URL: `${sandbox.baseUrl}/aniworld`,
        STO_BASE_URL: `${sandbox.baseUrl}/sto`,
        ANIME_DIRECTORY: library,
      },
      { settings: FAST_PROVIDERS },
    );
    api = t.api(await t.setUp());
    // Nothing downloads until the last test asks for it.
    await api.post('/api/queue/stop').expect(200);
    await api.post('/api/anime/add').send({ key: 'sternenwanderer', site: 'aniworld' }).expect(201);
  }, 60_000);

  afterAll(async () => {
    await t.close();
    await sandbox.close();
    rmSync(library, { recursive: true, force: true });
  });

  const detail = async () =>
    (await api.get('/api/anime/sternenwanderer').expect(200)).body as AnimeDetail;
  const episodeOf = (d: AnimeDetail, s: number, e: number): AnimeEpisode | undefined =>
    d.seasons.find((x) => x.season === s)?.episodes.find((x) => x.episode === e);

  it('counts a .strm written from the web app as present, not downloaded, and queues nothing for it', async () => {
    const before = await detail();
    expect(before.missing['2']).toEqual([1, 2, 3]);
    const res = (await api.post('/api/strm/series/sternenwanderer').send({ season: 2 }).expect(200))
      .body as StrmWriteResponse;
    expect(res.written).toHaveLength(3);

    const after = await detail();
    for (const w of res.written)
      expect(episodeOf(after, 2, w.episode)).toMatchObject({
        strm_path: w.path,
        is_downloaded: false,
        file_path: null,
      });
    expect(after.missing['2']).toBeUndefined();
    expect(after.missing_episodes).toBe(before.missing_episodes - 3);
    expect(after.downloaded_episodes).toBe(before.downloaded_episodes);
    const listed = (await api.get('/api/anime?missing_only=false').expect(200)).body as {
      items: { key: string; missing_episodes: number }[];
    };
    expect(listed.items).toEqual([
      expect.objectContaining({ key: 'sternenwanderer', missing_episodes: after.missing_episodes }),
    ]);

    // The scheduler's "queue what is missing" leaves them alone.
    await api.patch('/api/anime/sternenwanderer').send({ monitored: true }).expect(200);
    await t.app.get(AutoQueueService).queueMissing('test');
    const pending = await listAll(api, 'pending');
    expect(pending.length).toBeGreaterThan(0);
    expect(pending.filter((i) => i.season === 2)).toEqual([]);
    for (const item of pending) await api.delete(`/api/queue/${item.id}`).expect(204);

    // A scan finds the files where the action recorded them.
    await scanToEnd(api);
    const scanned = await detail();
    for (const w of res.written) expect(episodeOf(scanned, 2, w.episode)?.strm_path).toBe(w.path);
    expect(scanned.missing_episodes).toBe(after.missing_episodes);
  });

  it('finds a .strm put into the library by hand, and misses the episode again once it is gone', async () => {
    const path = join(season(1), 'Sternenwanderer - S01E03.strm');
    mkdirSync(season(1), { recursive: true });
    writeFileSync(path, 'http://jellyfin.example/stream\n');
    await scanToEnd(api);
    const found = await detail();
    expect(episodeOf(found, 1, 3)).toMatchObject({ strm_path: path, is_downloaded: false });
    expect(found.missing['1']).not.toContain(3);

    rmSync(path);
    await scanToEnd(api);
    const gone = await detail();
    expect(episodeOf(gone, 1, 3)?.strm_path).toBeNull();
    expect(gone.missing['1']).toContain(3);
  });

  it('replaces the .strm with the file when the episode is downloaded after all', async () => {
    const strm = episodeOf(await detail(), 2, 1)?.strm_path as string;
    expect(existsSync(strm)).toBe(true);
    const added = (
      await api
        .post('/api/queue/add')
        .send({ serie_id: 'sternenwanderer', episodes: [{ season: 2, episode: 1 }] })
        .expect(201)
    ).body as QueueAddResponse;
    expect(added.added).toHaveLength(1);
    await api.post('/api/queue/start').expect(200);
    const downloaded = await waitFor(
      async () => {
        const e = episodeOf(await detail(), 2, 1);
        return e?.is_downloaded ? e : null;
      },
      'S02E01 to be downloaded',
      { timeoutMs: 90_000, intervalMs: 200 },
    );
    expect(downloaded.strm_path).toBeNull();
    expect(existsSync(downloaded.file_path as string)).toBe(true);
    expect(existsSync(strm)).toBe(false);
    expect(existsSync(strm.replace(/\.strm$/, '.nfo'))).toBe(false);
  }, 120_000);
});
