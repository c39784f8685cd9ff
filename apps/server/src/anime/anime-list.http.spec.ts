import type { AnimeSummary, LanguageCode, Page } from '@aniworld/contracts';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE } from '../database/database.service';
import { createTempDatabase, postgresAvailable } from '../../test/helpers/postgres';
import { startTestApp, type TestApp } from '../../test/helpers/test-app';
import { AnimeSeriesEntity } from './entities/anime-series.entity';
import { EpisodeEntity } from './entities/episode.entity';

type Database = () => Promise<{ env: Record<string, string>; drop(): Promise<void> }>;

const sqlite: Database = () => Promise.resolve({ env: {}, drop: () => Promise.resolve() });
const postgres: Database = async () => {
  const db = await createTempDatabase();
  return { env: { DATABASE_URL: db.url }, drop: db.drop };
};

const dialects: [string, Database, boolean][] = [
  ['sqlite', sqlite, true],
  ['postgres', postgres, postgresAvailable()],
];

interface SeedEpisode {
  languages: LanguageCode[];
  downloaded?: boolean;
}

/**
 * The library list's `missing_only` filter, `total` and `missing` sort follow the same rule as the
 * missing counts it shows: the language preference (global, or the series' own) decides whether
 * an episode that is not on disk is missing.
 */
describe.each(dialects)(
  'anime list by language preference on %s (HTTP)',
  (_name, db, available) => {
    const maybe = available ? it : it.skip;
    let t: TestApp;
    let api: ReturnType<TestApp['api']>;
    let drop: () => Promise<void>;

    beforeEach(async () => {
      if (!available) return;
      const database = await db();
      drop = database.drop;
      t = await startTestApp(database.env, {
        settings: { downloads: { language_preference: ['german-dub', 'german-sub'] } },
      });
      api = t.api(await t.setUp());
      const ds = t.app.get<DataSource>(DATA_SOURCE);
      const seed = async (
        key: string,
        list: SeedEpisode[],
        languagePreference: LanguageCode[] | null = null,
      ) => {
        const series = await ds.getRepository(AnimeSeriesEntity).save({
          key,
          name: key[0].toUpperCase() + key.slice(1),
          site: 'sto' as const,
          altTitles: [],
          languagePreference,
        });
        await ds.getRepository(EpisodeEntity).save(
          list.map((e, i) => ({
            seriesId: series.id,
            season: 1,
            episodeNumber: i + 1,
            titleDe: null,
            titleEn: null,
            languages: e.languages,
            isDownloaded: e.downloaded ?? false,
            filePath: e.downloaded ? `/library/${key}/${i + 1}.mkv` : null,
          })),
        );
      };
      // Not downloaded only where nobody wants it (English dub): nothing is missing.
      await seed('alpha', [
        { languages: ['german-dub'], downloaded: true },
        { languages: ['german-sub'], downloaded: true },
        { languages: ['english-dub'] },
      ]);
      // Three in a wanted language, one not.
      await seed('beta', [
        { languages: ['german-sub'] },
        { languages: ['german-dub', 'english-dub'] },
        { languages: ['german-sub', 'english-sub'] },
        { languages: ['english-dub'] },
      ]);
      // Languages not read yet count as missing.
      await seed('delta', [{ languages: [] }, { languages: [] }, { languages: ['english-sub'] }]);
      // Its own preference: English dub wanted, German dub not.
      await seed(
        'gamma',
        [{ languages: ['english-dub'] }, { languages: ['german-dub'] }],
        ['english-dub'],
      );
      // Would be missing by the global preference; its own wants only the English dub.
      await seed(
        'epsilon',
        [{ languages: ['german-dub'] }, { languages: ['german-sub'] }],
        ['english-dub'],
      );
    });
    afterEach(async () => {
      if (!available) return;
      await t.close();
      await drop();
    });

    async function list(query: Record<string, string | number | boolean> = {}) {
      const page = (await api.get('/api/anime').query(query).expect(200))
        .body as Page<AnimeSummary>;
      return {
        total: page.total,
        shown: page.items.map((s) => [s.key, s.missing_episodes] as const),
      };
    }

    maybe('lists only series with missing episodes by default, with a matching total', async () => {
      expect(await list()).toEqual({
        total: 3,
        shown: [
          ['beta', 3],
          ['delta', 2],
          ['gamma', 1],
        ],
      });
      const everything = await list({ missing_only: false });
      expect(everything.total).toBe(5);
      expect(new Map(everything.shown)).toEqual(
        new Map([
          ['alpha', 0],
          ['beta', 3],
          ['delta', 2],
          ['epsilon', 0],
          ['gamma', 1],
        ]),
      );
    });

    maybe('sorts by the missing counts it shows and pages by them', async () => {
      expect((await list({ sort: 'missing', order: 'desc' })).shown).toEqual([
        ['beta', 3],
        ['delta', 2],
        ['gamma', 1],
      ]);
      // Ties keep insertion order: alpha was added before epsilon.
      expect((await list({ sort: 'missing', order: 'asc', missing_only: false })).shown).toEqual([
        ['alpha', 0],
        ['epsilon', 0],
        ['gamma', 1],
        ['delta', 2],
        ['beta', 3],
      ]);
      const first = await list({ sort: 'missing', order: 'desc', page_size: 2 });
      const second = await list({ sort: 'missing', order: 'desc', page_size: 2, page: 2 });
      expect([first.total, second.total]).toEqual([3, 3]);
      expect([...first.shown, ...second.shown].map(([key]) => key)).toEqual([
        'beta',
        'delta',
        'gamma',
      ]);
    });

    maybe('follows a per-series override set or cleared with PATCH', async () => {
      await api
        .patch('/api/anime/alpha')
        .send({ language_preference: ['english-dub'] })
        .expect(200);
      await api.patch('/api/anime/epsilon').send({ language_preference: null }).expect(200);
      // An empty override means the global preference, as for the download worker.
      await api.patch('/api/anime/gamma').send({ language_preference: [] }).expect(200);
      expect(await list({ sort: 'missing', order: 'desc' })).toEqual({
        total: 5,
        shown: [
          ['beta', 3],
          ['delta', 2],
          ['epsilon', 2],
          ['alpha', 1],
          ['gamma', 1],
        ],
      });
      expect(
        ((await api.get('/api/anime/gamma').expect(200)).body as AnimeSummary).missing,
      ).toEqual({ '1': [2] });
    });

    maybe('follows a change of the global preference at once', async () => {
      await api
        .put('/api/config')
        .send({ downloads: { language_preference: ['english-dub'] } })
        .expect(200);
      expect(await list({ sort: 'missing', order: 'desc' })).toEqual({
        total: 4,
        shown: [
          ['beta', 2],
          ['delta', 2],
          ['alpha', 1],
          ['gamma', 1],
        ],
      });
    });
  },
);
