import type { DataSource } from 'typeorm';
import { dialects } from '../../test/helpers/dialects';
import { openDatabase } from '../database/data-source.factory';
import { EpisodeReleaseRepository, type ReleaseRow } from './episode-release.repository';

jest.setTimeout(60_000);

const DAY = 24 * 60 * 60 * 1000;
const NOON = Date.parse('2026-10-05T12:00:00Z');

function row(patch: Partial<ReleaseRow>): ReleaseRow {
  return {
    site: 'aniworld',
    key: 'sternenwanderer',
    season: 1,
    episode: 1,
    language: 'german-dub',
    airDate: '2026-10-05',
    airTime: null,
    release: 'released',
    seriesTitle: 'Sternenwanderer',
    ...patch,
  };
}

describe.each(dialects())('episode_releases on %s (medium)', (_name, setUp, available) => {
  const maybe = available ? it : it.skip;
  let ds: DataSource;
  let tearDown: () => Promise<void>;
  let releases: EpisodeReleaseRepository;

  beforeAll(async () => {
    if (!available) return;
    const env = await setUp();
    tearDown = env.tearDown;
    ds = await openDatabase(env.target);
    releases = new EpisodeReleaseRepository(ds);
  });
  afterAll(async () => {
    if (!available) return;
    await ds.destroy();
    await tearDown();
  });
  beforeEach(async () => {
    if (available) await ds.query('DELETE FROM "episode_releases"');
  });

  maybe('dates a release when first seen on its day, else its midnight, and keeps it', async () => {
    await releases.record(
      [
        row({ key: 'today' }),
        row({ key: 'earlier', airDate: '2026-10-01' }),
        row({ key: 'coming', airDate: '2026-10-09', release: 'announced', airTime: '18:30' }),
        row({ key: 'unnamed', language: '' }),
      ],
      NOON,
    );
    // Seen again a day later, and the announced one came out.
    await releases.record(
      [row({ key: 'today' }), row({ key: 'coming', airDate: '2026-10-06' })],
      NOON + DAY,
    );
    const [page, total] = await releases.releasedPage(0, 10);
    expect(total).toBe(3);
    expect(page.map((r) => [r.key, r.releasedAt])).toEqual([
      ['coming', NOON + DAY],
      ['today', NOON],
      ['earlier', Date.parse('2026-10-01T00:00:00Z')],
    ]);
    expect(page[0]).toMatchObject({ seriesTitle: 'Sternenwanderer', release: 'released' });
    const [second] = await releases.releasedPage(2, 10);
    expect(second.map((r) => r.key)).toEqual(['earlier']);
  });

  maybe('takes over the rows of the former arr_recent table with their dates', async () => {
    await releases.record(
      [row({ key: 'both', airDate: '2026-10-09', release: 'announced', seriesTitle: null })],
      NOON,
    );
    await ds.undoLastMigration({ transaction: 'each' });
    const recent = `INSERT INTO "arr_recent"
      ("site", "key", "season", "episode", "language", "series_title", "released_at")
      VALUES ($1, $2, 1, 1, 'german-dub', $3, $4)`;
    const q = (sql: string) => (ds.options.type === 'sqlite' ? sql.replace(/\$\d/g, '?') : sql);
    await ds.query(q(recent), ['aniworld', 'both', 'Both', '2026-10-07 18:00:00.000']);
    await ds.query(q(recent), ['aniworld', 'only-feed', 'Only Feed', '2026-09-30 00:00:00.000']);
    await ds.runMigrations({ transaction: 'each' });

    const [page] = await releases.releasedPage(0, 10);
    expect(page.map((r) => [r.key, r.seriesTitle, r.releasedAt, r.airDate])).toEqual([
      ['both', 'Both', Date.parse('2026-10-07T18:00:00Z'), '2026-10-07'],
      ['only-feed', 'Only Feed', Date.parse('2026-09-30T00:00:00Z'), '2026-09-30'],
    ]);
    expect(await ds.query(`SELECT 1 FROM "episode_releases" WHERE "key" = 'nothing'`)).toEqual([]);
    await expect(ds.query('SELECT 1 FROM "arr_recent"')).rejects.toThrow();
  });
});
