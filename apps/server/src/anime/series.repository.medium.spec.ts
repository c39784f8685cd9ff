import type { DataSource } from 'typeorm';
import {
  DEFAULT_LANGUAGE_PREFERENCE,
  LANGUAGE_CODES,
  type LanguageCode,
} from '@aniworld/contracts';
import { openDatabase } from '../database/data-source.factory';
import { dialects } from '../../test/helpers/dialects';
import { countEpisodes } from './anime.mapper';
import { AnimeSeriesEntity } from './entities/anime-series.entity';
import { EpisodeEntity } from './entities/episode.entity';
import { EpisodeRepository, episodeSlot } from './episode.repository';
import { SeriesCountsRepository } from './series-counts.repository';
import { SeriesRepository } from './series.repository';

const DIALECTS = dialects();

/** Every subset of the four codes, the empty one first. */
const SUBSETS: LanguageCode[][] = Array.from({ length: 1 << LANGUAGE_CODES.length }, (_, mask) =>
  LANGUAGE_CODES.filter((_code, i) => mask & (1 << i)),
);

const GLOBALS: (readonly LanguageCode[])[] = [
  DEFAULT_LANGUAGE_PREFERENCE,
  [],
  ['english-dub'],
  [...LANGUAGE_CODES],
];

describe.each(DIALECTS)('series list on %s (medium)', (_name, setUp, available) => {
  const maybe = available ? it : it.skip;
  let ds: DataSource;
  let tearDown: () => Promise<void>;
  let repo: SeriesRepository;
  let episodeRepo: EpisodeRepository;
  let series: AnimeSeriesEntity[];
  let episodes: Map<number, EpisodeEntity[]>;

  /**
   * One series per override (none, empty, each non-empty subset), each with a different slice of
   * the 32 episode kinds (every language subset, downloaded or not), plus a series without
   * episodes and a deleted one with missing episodes.
   */
  beforeAll(async () => {
    if (!available) return;
    const env = await setUp();
    tearDown = env.tearDown;
    ds = await openDatabase(env.target);
    const counts = new SeriesCountsRepository(ds);
    repo = new SeriesRepository(ds, counts);
    episodeRepo = new EpisodeRepository(ds, counts);
    const overrides: (LanguageCode[] | null)[] = [null, ...SUBSETS];
    series = [];
    episodes = new Map();
    for (const [i, languagePreference] of overrides.entries()) {
      const saved = await ds.getRepository(AnimeSeriesEntity).save({
        key: `series-${i}`,
        name: `Series ${String(i).padStart(2, '0')}`,
        site: 'aniworld' as const,
        altTitles: [],
        languagePreference,
      });
      // Each language subset not on disk, on disk, and streamed (a .strm in the library).
      const kinds = SUBSETS.flatMap((languages) => [
        { languages, isDownloaded: false, strm: false },
        { languages, isDownloaded: true, strm: false },
        { languages, isDownloaded: false, strm: true },
      ]).filter((_kind, k) => (k + i) % (2 + (i % 4)) !== 0);
      const rows = await ds.getRepository(EpisodeEntity).save(
        kinds.map((kind, k) => ({
          seriesId: saved.id,
          season: 1,
          episodeNumber: k + 1,
          titleDe: null,
          titleEn: null,
          languages: kind.languages,
          isDownloaded: kind.isDownloaded,
          filePath: kind.isDownloaded ? `/library/${i}/${k}.mkv` : null,
          strmPath: kind.strm ? `/library/${i}/${k}.strm` : null,
        })),
      );
      series.push(saved);
      episodes.set(saved.id, rows);
    }
    const empty = await ds
      .getRepository(AnimeSeriesEntity)
      .save({ key: 'no-episodes', name: 'No Episodes', site: 'sto' as const, altTitles: [] });
    series.push(empty);
    episodes.set(empty.id, []);
    const deleted = await ds
      .getRepository(AnimeSeriesEntity)
      .save({ key: 'deleted', name: 'Deleted', site: 'sto' as const, altTitles: [] });
    await ds.getRepository(EpisodeEntity).save({
      seriesId: deleted.id,
      season: 1,
      episodeNumber: 1,
      titleDe: null,
      titleEn: null,
      languages: [],
      isDownloaded: false,
      filePath: null,
    });
    await repo.softDelete(deleted.id);
  });
  afterAll(async () => {
    if (!available) return;
    await ds.destroy();
    await tearDown();
  });

  /** What the API shows for each series under a global preference, by key. */
  function shown(global: readonly LanguageCode[]): Map<string, number> {
    return new Map(
      series.map((s) => [s.key, countEpisodes(s, episodes.get(s.id) ?? [], global).missing]),
    );
  }

  const all = { sort: 'missing', order: 'desc', offset: 0, limit: 1000 } as const;

  maybe.each(GLOBALS.map((g) => [g.length ? g.join(' ') : 'empty', g] as const))(
    'counts missing episodes as the API shows them (global preference: %s)',
    async (_label, global) => {
      const expected = shown(global);
      const everything = await repo.list({ ...all, missingOnly: false, preference: global });
      expect(everything.total).toBe(series.length);
      expect(new Map(everything.rows.map((r) => [r.series.key, r.missing]))).toEqual(expected);
      // The comparison means something only if the override and the preference both matter.
      expect(new Set(expected.values()).size).toBeGreaterThan(3);

      const missingOnly = await repo.list({ ...all, missingOnly: true, preference: global });
      const wanted = [...expected].filter(([, n]) => n > 0).map(([key]) => key);
      expect(missingOnly.total).toBe(wanted.length);
      expect(missingOnly.rows.map((r) => r.series.key).sort()).toEqual(wanted.sort());

      const counts = missingOnly.rows.map((r) => r.missing);
      expect(counts).toEqual([...counts].sort((a, b) => b - a));
      expect(await repo.missingEpisodeCount(global)).toBe(
        [...expected.values()].reduce((a, b) => a + b, 0),
      );
    },
  );

  maybe('pages through the missing-only list in the order of the missing counts', async () => {
    const global = DEFAULT_LANGUAGE_PREFERENCE;
    const expected = shown(global);
    const order = series
      .filter((s) => (expected.get(s.key) ?? 0) > 0)
      .sort((a, b) => (expected.get(a.key) ?? 0) - (expected.get(b.key) ?? 0) || a.id - b.id)
      .map((s) => s.key);
    const pages: string[] = [];
    for (let offset = 0; offset < order.length; offset += 4) {
      const page = await repo.list({
        missingOnly: true,
        preference: global,
        sort: 'missing',
        order: 'asc',
        offset,
        limit: 4,
      });
      expect(page.total).toBe(order.length);
      pages.push(...page.rows.map((r) => r.series.key));
    }
    expect(pages).toEqual(order);
  });

  maybe('keeps the stored counts true through every write, without a recount', async () => {
    const global = DEFAULT_LANGUAGE_PREFERENCE;
    await repo.list({ ...all, missingOnly: false, preference: global });
    const reload = async (): Promise<void> => {
      for (const s of series) {
        episodes.set(s.id, await episodeRepo.forSeries(s.id));
        Object.assign(s, await repo.findById(s.id));
      }
    };
    const check = async (): Promise<void> => {
      await reload();
      const listed = await repo.list({ ...all, missingOnly: false, preference: global });
      const byKey = new Map(listed.rows.map((r) => [r.series.key, r]));
      for (const s of series) {
        const expected = countEpisodes(s, episodes.get(s.id) ?? [], global);
        const row = byKey.get(s.key);
        expect([s.key, row?.total, row?.downloaded, row?.missing]).toEqual([
          s.key,
          expected.total,
          expected.downloaded,
          expected.missing,
        ]);
        const slots = (await repo.missingSlots([s.id], global)).get(s.id);
        expect(slots).toEqual(expected.missingSlots);
      }
    };
    const [, first, second, third, fourth, fifth] = series;
    // Each write on its own series: a download, a disk state, new episodes, a language change
    // and an override.
    const firstEpisodes = episodes.get(first.id) ?? [];
    await episodeRepo.markDownloaded(firstEpisodes.find((e) => !e.isDownloaded)?.id ?? 0, '/x.mkv');
    const fourthEpisodes = episodes.get(fourth.id) ?? [];
    await episodeRepo.setLanguages(
      fourthEpisodes.find((e) => !e.isDownloaded && e.languages.length === 0)?.id ?? 0,
      ['english-dub'],
    );
    const secondEpisodes = episodes.get(second.id) ?? [];
    const onDisk = (rest: number, ext: string) =>
      new Map(
        secondEpisodes
          .filter((_e, k) => k % 3 === rest)
          .map((e) => [episodeSlot(e.season, e.episodeNumber), `/disk/${e.id}.${ext}`]),
      );
    await episodeRepo.applyDiskState(second.id, {
      files: onDisk(0, 'mkv'),
      strm: onDisk(1, 'strm'),
    });
    // A .strm written for an episode missing until then (the web app's "stream instead").
    const streamed = firstEpisodes.filter(
      (e) => !e.isDownloaded && !e.strmPath && e.languages.includes('german-dub'),
    )[1];
    expect(streamed).toBeDefined();
    await episodeRepo.setStrmPath(streamed.id, '/library/first.strm');
    await episodeRepo.upsertMany(third.id, [
      { season: 2, episodeNumber: 1, titleDe: null, titleEn: null, languages: ['german-dub'] },
      { season: 2, episodeNumber: 2, titleDe: null, titleEn: null },
    ]);
    await repo.update(fifth.id, { languagePreference: ['english-sub'] });
    await check();
    await episodeRepo.applyDiskState(second.id, { files: new Map(), strm: new Map() });
    await repo.update(fifth.id, { languagePreference: null });
    await check();
  });

  maybe('searches for % and _ literally', async () => {
    const extra = await ds.getRepository(AnimeSeriesEntity).save(
      ['100% Orange_Juice', '1000 OrangeXJuice', 'Back\\slash'].map((name, i) => ({
        key: `literal-${i}`,
        name,
        site: 'sto' as const,
        altTitles: [],
      })),
    );
    try {
      const find = async (q: string): Promise<string[]> =>
        (await repo.list({ ...all, q, missingOnly: false, preference: [] })).rows
          .map((r) => r.series.name)
          .sort();
      expect(await find('0% orange_')).toEqual(['100% Orange_Juice']);
      expect(await find('e_j')).toEqual(['100% Orange_Juice']);
      expect(await find('%')).toEqual(['100% Orange_Juice']);
      expect(await find('k\\s')).toEqual(['Back\\slash']);
    } finally {
      await ds.getRepository(AnimeSeriesEntity).delete(extra.map((s) => s.id));
    }
  });
});
