import { type Sandbox, startSandbox } from '@aniworld/sandbox';
import type {
  AnimeDetail,
  AnimeSummary,
  Page,
  ScanCompleteEvent,
  ScanProgressEvent,
  ScanStatus,
  UnmatchedFolder,
} from '@aniworld/contracts';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DomainEvents } from '../common/events';
import { FAST_PROVIDERS, startTestApp, type TestApp, tempDir } from '../../test/helpers/test-app';
import { scanToEnd as scanLibrary } from '../../test/helpers/scan';
import { waitUntil } from '../../test/helpers/wait';
import { EpisodeLanguagesService } from './episode-languages.service';
import { LibraryScanService } from './library/library-scan.service';
import { SeriesRepository } from './series.repository';

function touch(root: string, ...parts: string[]): void {
  mkdirSync(join(root, ...parts.slice(0, -1)), { recursive: true });
  writeFileSync(join(root, ...parts), 'not really a video');
}

// Real HTTP to the sandbox and real scans: on a loaded machine a test takes longer than Jest's
// default 5 s. The tests wait for states and events (with their own deadlines), never for time.
jest.setTimeout(60_000);

describe('anime API and library scan against the sandbox (HTTP)', () => {
  let sandbox: Sandbox;
  let t: TestApp;
  let api: ReturnType<TestApp['api']>;
  let library: string;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
  }, 60_000);
  afterAll(async () => {
    await sandbox.close();
  });

  beforeEach(async () => {
    library = tempDir('aniworld-library-');
    t = await startTestApp(
      {
        ANIWORLD_BASE_URL: `${sandbox.baseUrl}/aniworld`,
        STO_BASE_URL: `${sandbox.baseUrl}/sto`,
        ANIME_DIRECTORY: library,
      },
      { settings: FAST_PROVIDERS },
    );
    api = t.api(await t.setUp());
  });
  afterEach(async () => {
    await t.close();
    rmSync(library, { recursive: true, force: true });
  });

  const scanToEnd = () => scanLibrary(api);

  it('adds a series by key, creating its folder, and lists its missing episodes', async () => {
    const added = (
      await api
        .post('/api/anime/add')
        .send({ key: 'sternenwanderer', site: 'aniworld' })
        .expect(201)
    ).body as AnimeDetail;
    expect(added).toMatchObject({
      key: 'sternenwanderer',
      name: 'Sternenwanderer',
      year: 2019,
      folder: 'Sternenwanderer (2019)',
    });
    expect(added.seasons.map((s) => s.season)).toEqual([0, 1, 2]);
    expect(added.missing_episodes).toBe(added.total_episodes);
    expect(existsSync(join(library, 'Sternenwanderer (2019)'))).toBe(true);

    // aniworld names an episode's languages only on its page: they are read in the background.
    await t.app.get(EpisodeLanguagesService).idle();
    const withLanguages = (await api.get('/api/anime/sternenwanderer').expect(200))
      .body as AnimeDetail;
    const s1e1 = withLanguages.seasons.find((s) => s.season === 1)?.episodes[0];
    expect(new Set(s1e1?.languages)).toEqual(
      new Set(['german-dub', 'german-sub', 'english-sub', 'english-dub']),
    );
    const s2e1 = withLanguages.seasons.find((s) => s.season === 2)?.episodes[0];
    expect(new Set(s2e1?.languages)).toEqual(new Set(['german-sub', 'english-sub']));

    const again = await api
      .post('/api/anime/add')
      .send({ link: `${sandbox.baseUrl}/aniworld/anime/stream/sternenwanderer` })
      .expect(201);
    expect(again.body.key).toBe('sternenwanderer');

    const list = (await api.get('/api/anime').expect(200)).body as Page<AnimeSummary>;
    expect(list).toMatchObject({ total: 1, page: 1, page_size: 50 });
    expect(list.items[0].missing['1']).toEqual([1, 2, 3, 4]);
    expect((await api.get('/api/anime/Sternenwanderer (2019)').expect(200)).body.key).toBe(
      'sternenwanderer',
    );
  });

  it('keeps a hostile series title inside the library', async () => {
    const added = (
      await api.post('/api/anime/add').send({ key: 'dot-dot-etc', site: 'sto' }).expect(201)
    ).body as AnimeDetail;
    expect(added.folder).not.toMatch(/[/\\\p{Cc}<>:"|?*]|^\./u);
    expect(readdirSync(library)).toEqual([added.folder]);
  });

  it('answers bad input clearly', async () => {
    expect(
      (await api.post('/api/anime/add').send({ link: 'https://example.com/nothing' }).expect(400))
        .body.details[0].field,
    ).toBe('link');
    expect((await api.post('/api/anime/add').send({}).expect(400)).body.code).toBe(
      'VALIDATION_FAILED',
    );
    expect(
      (
        await api
          .post('/api/anime/add')
          .send({ key: 'no-such-series', site: 'aniworld' })
          .expect(404)
      ).body.code,
    ).toBe('SERIES_NOT_FOUND');
    expect((await api.get('/api/anime/unknown-key').expect(404)).body.code).toBe(
      'SERIES_NOT_FOUND',
    );
    expect((await api.delete('/api/anime/unknown-key').expect(404)).body.code).toBe(
      'SERIES_NOT_FOUND',
    );
    expect(
      (await api.get('/api/anime').query({ sort: 'nope' }).expect(400)).body.details[0].field,
    ).toBe('sort');
  });

  it.each([
    ['page', '1e17'],
    ['page', '100001'],
    ['page', '0x10'],
    ['page', ' 2'],
    ['page', '1.5'],
    ['page_size', '1e2'],
    ['page_size', '501'],
  ])('answers the paging value %s=%s with 400 naming it, not 500', async (field, value) => {
    const res = await api.get(`/api/anime?${field}=${encodeURIComponent(value)}`).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details[0].field).toBe(field);
  });

  it('pages with plain numbers up to the last allowed page', async () => {
    const res = await api.get('/api/anime?page=100000&page_size=500').expect(200);
    expect(res.body).toMatchObject({ page: 100000, page_size: 500, items: [] });
    await api.get('/api/notifications?limit=1e2').expect(400);
  });

  it('searches both sites and marks what is already in the library', async () => {
    await api
      .post('/api/anime/add')
      .send({ key: 'maedchen-und-drachen', site: 'aniworld' })
      .expect(201);
    const results = (await api.post('/api/anime/search').send({ query: 'drachen' }).expect(200))
      .body as { site: string; key: string; in_library: boolean }[];
    expect(results).toContainEqual(
      expect.objectContaining({ site: 'aniworld', key: 'maedchen-und-drachen', in_library: true }),
    );
    expect(results).toContainEqual(
      expect.objectContaining({ site: 'sto', key: 'maedchen-und-drachen', in_library: false }),
    );
  });

  it('scans the library: matches folders, imports legacy key files, lists unmatched ones, and is incremental', async () => {
    touch(
      library,
      'Sternenwanderer (2019)',
      'Season 01',
      'Sternenwanderer - S01E01 - Ein Stern fällt.mkv',
    );
    touch(library, 'Sternenwanderer (2019)', 'Season 01', 'Sternenwanderer - S01E02.mp4');
    touch(library, 'Sternenwanderer (2019)', 'Season 01', 'Sternenwanderer - S01E03.mkv.part');
    touch(library, 'Katzen-Ordner', 'key');
    writeFileSync(
      join(library, 'Katzen-Ordner', 'key'),
      'https://aniworld.to/anime/stream/kleine-katze-kuro\n',
    );
    touch(library, 'Katzen-Ordner', '[Subs] Kleine Katze Kuro - 02 [1080p].mkv');
    touch(library, 'Ganz Unbekannt (1999)', 'Episode 1.mkv');

    const events: { progress: ScanProgressEvent[]; complete: ScanCompleteEvent[] } = {
      progress: [],
      complete: [],
    };
    const bus = t.app.get(DomainEvents);
    bus.on('scan.progress', (e) => events.progress.push(e));
    bus.on('scan.complete', (e) => events.complete.push(e));

    const first = await scanToEnd();
    expect(first).toMatchObject({
      state: 'completed',
      folders_total: 3,
      folders_done: 3,
      series_matched: 2,
      unmatched: 1,
    });
    expect(events.progress.at(-1)).toMatchObject({ folders_done: 3, percent: 100 });
    await waitUntil(() => events.complete.length > 0, 'scan.complete');
    expect(events.complete).toHaveLength(1);

    const stern = (await api.get('/api/anime/sternenwanderer').expect(200)).body as AnimeDetail;
    const s1 = stern.seasons.find((s) => s.season === 1)?.episodes ?? [];
    expect(s1.map((e) => e.is_downloaded)).toEqual([true, true, false, false]);
    expect(stern.missing['1']).toEqual([3, 4]);
    expect(s1[0].file_path).toBe(
      join(
        library,
        'Sternenwanderer (2019)',
        'Season 01',
        'Sternenwanderer - S01E01 - Ein Stern fällt.mkv',
      ),
    );

    const kuro = (await api.get('/api/anime/kleine-katze-kuro').expect(200)).body as AnimeDetail;
    expect(kuro.folder).toBe('Katzen-Ordner');
    expect(kuro.seasons[0].episodes.filter((e) => e.is_downloaded).map((e) => e.episode)).toEqual([
      2,
    ]);

    const unmatched = (await api.get('/api/anime/unmatched').expect(200)).body as UnmatchedFolder[];
    expect(unmatched).toEqual([
      expect.objectContaining({
        folder: 'Ganz Unbekannt (1999)',
        title: 'Ganz Unbekannt',
        year: 1999,
        episode_files: 1,
      }),
    ]);

    // Nothing changed: no folder is read into the database again, and the unmatched one is not
    // searched on the sites again (its last answer stands).
    sandbox.resetStats();
    const second = await scanToEnd();
    expect(second).toMatchObject({
      state: 'completed',
      folders_unchanged: 3,
      series_matched: 2,
      unmatched: 1,
    });
    // (Episode pages of the matched series may still be read in the background for languages.)
    expect(Object.keys(sandbox.stats().by_path).filter((path) => /search/.test(path))).toEqual([]);
    expect((await api.get('/api/anime/unmatched').expect(200)).body).toEqual(unmatched);

    rmSync(join(library, 'Sternenwanderer (2019)', 'Season 01', 'Sternenwanderer - S01E02.mp4'));
    await scanToEnd();
    expect(
      ((await api.get('/api/anime/sternenwanderer')).body as AnimeDetail).missing['1'],
    ).toEqual([2, 3, 4]);
  });

  it('matches an unmatched folder on request', async () => {
    touch(library, 'Drachenzeug', 'S01E01.mkv');
    const scan = await scanToEnd();
    expect(scan.unmatched).toBe(1);
    const matched = (
      await api
        .post('/api/anime/unmatched/match')
        .send({ folder: 'Drachenzeug', key: 'maedchen-und-drachen', site: 'sto' })
        .expect(201)
    ).body as AnimeDetail;
    expect(matched).toMatchObject({
      key: 'maedchen-und-drachen',
      folder: 'Drachenzeug',
      downloaded_episodes: 1,
    });
    expect((await api.get('/api/anime/unmatched')).body).toEqual([]);
    await api
      .post('/api/anime/unmatched/match')
      .send({ folder: '../etc', key: 'x', site: 'sto' })
      .expect(400);
  });

  it('publishes "completed" only when the event is out and the next scan may start', async () => {
    touch(library, 'Sternenwanderer (2019)', 'Season 01', 'Sternenwanderer - S01E01.mkv');
    const complete: ScanCompleteEvent[] = [];
    t.app.get(DomainEvents).on('scan.complete', (e) => complete.push(e));
    // Hold the last step of the scan (counting missing episodes, seconds on a big library) open,
    // so the window in which a half-finished state could be seen is as wide as we like.
    const repository = t.app.get(SeriesRepository);
    const count = repository.missingEpisodeCount.bind(repository);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let counting = false;
    jest.spyOn(repository, 'missingEpisodeCount').mockImplementation(async (preference) => {
      counting = true;
      await gate;
      return count(preference);
    });
    const { scan_id } = (await api.post('/api/anime/rescan').expect(202)).body as {
      scan_id: string;
    };
    await waitUntil(() => counting, 'the scan to count missing episodes');
    expect((await api.get('/api/anime/scan').expect(200)).body).toMatchObject({
      scan_id,
      state: 'running',
    });
    await api.post('/api/anime/rescan').expect(409);
    release();
    await waitUntil(
      async () => ((await api.get('/api/anime/scan')).body as ScanStatus).state !== 'running',
      'the scan to end',
    );
    // Whatever says "completed" implies both of these.
    expect(complete).toEqual([expect.objectContaining({ scan_id })]);
    await api.post('/api/anime/rescan').expect(202);
  });

  it('does not hang on a FIFO named key nor read a 1.5 GB data file', async () => {
    touch(library, 'Fifo-Ordner', 'S01E01.mkv');
    execFileSync('mkfifo', [join(library, 'Fifo-Ordner', 'key')]);
    touch(library, 'Riesen-Ordner', 'S01E01.mkv');
    writeFileSync(join(library, 'Riesen-Ordner', 'key'), '');
    // Sparse: 1.5 GB as far as stat is concerned, nothing on the disk.
    writeFileSync(join(library, 'Riesen-Ordner', 'data'), '');
    truncateSync(join(library, 'Riesen-Ordner', 'data'), 1.5 * 1024 ** 3);
    const before = process.memoryUsage().rss;
    const scan = await scanToEnd();
    expect(scan).toMatchObject({ state: 'completed', folders_done: 2, unmatched: 2 });
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 ** 2);
  });

  it('refuses a second scan while one runs', () => {
    const scans = t.app.get(LibraryScanService);
    scans.start();
    expect(() => scans.start()).toThrow(expect.objectContaining({ code: 'SCAN_IN_PROGRESS' }));
  });

  it('sets a per-series language preference and removes series, with or without files', async () => {
    await api.post('/api/anime/add').send({ key: 'sternenwanderer', site: 'sto' }).expect(201);
    const patched = await api
      .patch('/api/anime/sternenwanderer')
      .send({ language_preference: ['german-sub'] })
      .expect(200);
    expect(patched.body.language_preference).toEqual(['german-sub']);
    await api
      .patch('/api/anime/sternenwanderer')
      .send({ language_preference: ['klingon'] })
      .expect(400);

    await api.delete('/api/anime/sternenwanderer').expect(204);
    expect(existsSync(join(library, 'Sternenwanderer (2019)'))).toBe(true);
    await api.get('/api/anime/sternenwanderer').expect(404);

    await api.post('/api/anime/add').send({ key: 'sternenwanderer', site: 'sto' }).expect(201);
    await api.delete('/api/anime/sternenwanderer').query({ delete_files: 'true' }).expect(204);
    expect(existsSync(join(library, 'Sternenwanderer (2019)'))).toBe(false);
  });
});
