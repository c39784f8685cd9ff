import type { AnimeDetail } from '@aniworld/contracts';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeClock } from '../../../test/helpers/fake-clock';
import { createTempDatabase, postgresAvailable } from '../../../test/helpers/postgres';
import { scanToEnd } from '../../../test/helpers/scan';
import { startTestApp, tempDir, type TestApp } from '../../../test/helpers/test-app';
import { EpisodeRepository } from '../episode.repository';
import { SeriesRepository } from '../series.repository';
import { RACY_MS } from './folder-reader';
import { LibraryFolderRepository } from './library-folder.repository';

type Database = () => Promise<{ env: Record<string, string>; drop(): Promise<void> }>;

const dialects: [string, Database, boolean][] = [
  ['sqlite', () => Promise.resolve({ env: {}, drop: () => Promise.resolve() }), true],
  [
    'postgres',
    async () => {
      const db = await createTempDatabase();
      return { env: { DATABASE_URL: db.url }, drop: db.drop };
    },
    postgresAvailable(),
  ],
];

/** More folders than one batch of the scanner holds (50), so several batches run. */
const FOLDERS = 120;

/**
 * The scanner reads and writes folders in batches (docs/SCALE.md, "Library scan"): on both
 * dialects every folder of a library of several batches ends up recorded as it is on disk,
 * through first scans, changes and removals; two folders of one series in a batch are written
 * one after the other.
 */
describe.each(dialects)('library scan in batches on %s (HTTP)', (_name, db, available) => {
  const maybe = available ? it : it.skip;
  let drop: () => Promise<void>;
  let library: string;
  let t: TestApp;
  let api: ReturnType<TestApp['api']>;
  const folderOf = (n: number) => `Series ${String(n).padStart(3, '0')} (2001)`;
  const file = (n: number, season: number, episode: number) =>
    join(library, folderOf(n), `Season 0${season}`, `Series - S0${season}E0${episode}.mkv`);

  beforeEach(async () => {
    if (!available) return;
    const database = await db();
    drop = database.drop;
    library = tempDir('aniworld-batches-');
    const clock = new FakeClock();
    t = await startTestApp(
      {
        ...database.env,
        ANIME_DIRECTORY: library,
        // Offline: every folder's series and episodes are known, no site is asked.
        ANIWORLD_BASE_URL: 'http://127.0.0.1:9/aniworld',
        STO_BASE_URL: 'http://127.0.0.1:9/sto',
      },
      { clock, settings: { security: { rate_limit_per_minute: 100_000 } } },
    );
    api = t.api(await t.setUp());
    const series = t.app.get(SeriesRepository);
    const episodes = t.app.get(EpisodeRepository);
    for (let n = 1; n <= FOLDERS; n++) {
      const row = await series.upsert({
        key: `series-${n}`,
        name: `Series ${n}`,
        site: 'aniworld',
        folder: folderOf(n),
      });
      await episodes.upsertMany(
        row.id,
        [1, 2].flatMap((season) =>
          [1, 2, 3].map((episodeNumber) => ({
            season,
            episodeNumber,
            titleDe: null,
            titleEn: null,
            languages: ['german-dub' as const],
          })),
        ),
      );
      // Season 1 complete, season 2 only its first episode; every third series nothing.
      if (n % 3 === 0) continue;
      for (const [season, episode] of [
        [1, 1],
        [1, 2],
        [1, 3],
        [2, 1],
      ]) {
        mkdirSync(join(library, folderOf(n), `Season 0${season}`), { recursive: true });
        writeFileSync(file(n, season, episode), 'v');
      }
    }
    // Past the racy window: the fingerprints of this scan are kept.
    clock.advance(RACY_MS + 60_000);
  }, 120_000);
  afterEach(async () => {
    if (!available) return;
    await t.close();
    await drop();
    rmSync(library, { recursive: true, force: true });
  });

  async function downloaded(n: number): Promise<string[]> {
    const detail = (await api.get(`/api/anime/series-${n}`).expect(200)).body as AnimeDetail;
    return detail.seasons.flatMap((s) =>
      s.episodes.filter((e) => e.is_downloaded).map((e) => `${e.file_path}`),
    );
  }

  async function expectLibrary(expected: (n: number) => string[]): Promise<void> {
    for (let n = 1; n <= FOLDERS; n++)
      expect({ n, files: await downloaded(n) }).toEqual({ n, files: expected(n) });
  }

  const asScanned = (n: number) =>
    n % 3 === 0 ? [] : [file(n, 1, 1), file(n, 1, 2), file(n, 1, 3), file(n, 2, 1)];

  maybe(
    'records every folder of several batches, then only what changed',
    async () => {
      const first = await scanToEnd(api);
      expect(first).toMatchObject({
        state: 'completed',
        folders_done: (FOLDERS * 2) / 3,
        series_matched: (FOLDERS * 2) / 3,
        folders_unchanged: 0,
      });
      await expectLibrary(asScanned);

      // One file goes in each of three batches, one goes away, one folder goes away.
      writeFileSync(file(2, 2, 2), 'v');
      rmSync(file(61, 1, 2));
      rmSync(join(library, folderOf(110)), { recursive: true });
      const second = await scanToEnd(api);
      expect(second).toMatchObject({
        state: 'completed',
        folders_done: (FOLDERS * 2) / 3 - 1,
        folders_unchanged: (FOLDERS * 2) / 3 - 3,
      });
      await expectLibrary((n) =>
        n === 2
          ? [...asScanned(2).slice(0, 4), file(2, 2, 2)]
          : n === 61
            ? asScanned(61).filter((f) => f !== file(61, 1, 2))
            : n === 110
              ? []
              : asScanned(n),
      );
    },
    120_000,
  );

  maybe(
    'writes two folders of one series in a batch one after the other',
    async () => {
      // A folder the last scan gave to series 1, beside the folder series 1 claims now: the
      // claimed folder is written first, the other is compared with what that wrote.
      const old = 'Series 001 alt (2001)';
      mkdirSync(join(library, old, 'Season 02'), { recursive: true });
      writeFileSync(join(library, old, 'Season 02', 'Series - S02E03.mkv'), 'v');
      const series = await t.app.get(SeriesRepository).findByKey('series-1');
      await t.app.get(LibraryFolderRepository).save({
        folder: old,
        signature: '',
        fingerprint: null,
        seriesId: series?.id ?? null,
        files: [],
      });
      expect(await scanToEnd(api)).toMatchObject({ state: 'completed' });
      expect(await downloaded(1)).toEqual([join(library, old, 'Season 02', 'Series - S02E03.mkv')]);
      await expectLibrary((n) =>
        n === 1 ? [join(library, old, 'Season 02', 'Series - S02E03.mkv')] : asScanned(n),
      );
    },
    120_000,
  );
});
