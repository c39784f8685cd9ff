import type { DataSource } from 'typeorm';
import { openDatabase } from '../database/data-source.factory';
import { dialects } from '../../test/helpers/dialects';
import { LibraryVersionRepository } from './library-version.repository';

/**
 * The library version grows with every statement that writes what the list shows, and only
 * then; PostgreSQL's appended rows fold into one without changing it.
 */
describe.each(dialects())('library version on %s (medium)', (_name, setUp, available) => {
  const maybe = available ? it : it.skip;
  let ds: DataSource;
  let tearDown: () => Promise<void>;
  let versions: LibraryVersionRepository;

  beforeAll(async () => {
    if (!available) return;
    const env = await setUp();
    tearDown = env.tearDown;
    ds = await openDatabase(env.target);
    versions = new LibraryVersionRepository(ds);
    await ds.query(
      `INSERT INTO "anime_series" ("key", "name", "site", "alt_titles") VALUES ('a', 'A', 'aniworld', '[]')`,
    );
    await ds.query(
      `INSERT INTO "episodes" ("series_id", "season", "episode_number", "languages") VALUES (1, 1, 1, '[]')`,
    );
  });
  afterAll(async () => {
    if (!available) return;
    await ds.destroy();
    await tearDown();
  });

  /** Whether `sql` moved the version. */
  async function moves(sql: string): Promise<boolean> {
    const before = await versions.current();
    await ds.query(sql);
    const after = await versions.current();
    expect(after).toBeGreaterThanOrEqual(before);
    return after > before;
  }

  maybe('moves with the series and the listed episode columns, not with the others', async () => {
    const set = (column: string, value: string) =>
      moves(`UPDATE "episodes" SET "${column}" = ${value} WHERE "id" = 1`);
    expect(await moves(`UPDATE "anime_series" SET "name" = 'B' WHERE "id" = 1`)).toBe(true);
    expect(await set('languages', `'["german-dub"]'`)).toBe(true);
    expect(await set('is_downloaded', ds.options.type === 'postgres' ? 'true' : '1')).toBe(true);
    expect(await set('episode_number', '2')).toBe(true);
    expect(await set('season', '2')).toBe(true);
    expect(await set('title_de', `'Titel'`)).toBe(false);
    expect(await set('air_date', `'2026-01-01'`)).toBe(false);
    expect(
      await moves(
        `INSERT INTO "episodes" ("series_id", "season", "episode_number", "languages") VALUES (1, 1, 9, '[]')`,
      ),
    ).toBe(true);
    expect(await moves(`DELETE FROM "episodes" WHERE "episode_number" = 9`)).toBe(true);
    expect(await moves(`UPDATE "system_settings" SET "value" = 'x' WHERE 1 = 0`)).toBe(false);
  });

  maybe('is not moved by a write that is rolled back', async () => {
    const before = await versions.current();
    await expect(
      ds.transaction(async (manager) => {
        await manager.query(`UPDATE "anime_series" SET "name" = 'C' WHERE "id" = 1`);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await versions.current()).toBe(before);
  });

  maybe('keeps counting through a fold of many writes', async () => {
    const before = await versions.current();
    for (let i = 0; i < 250; i++)
      await ds.query(`UPDATE "anime_series" SET "year" = ${2000 + i} WHERE "id" = 1`);
    const after = await versions.current();
    expect(after).toBe(before + 250);
    // The read above folded PostgreSQL's rows: the same version, from one row.
    expect(await versions.current()).toBe(after);
    const [{ rows }] = (await ds.query(`SELECT COUNT(*) AS "rows" FROM "library_version"`)) as {
      rows: string | number;
    }[];
    expect(Number(rows)).toBe(1);
    expect(await moves(`UPDATE "anime_series" SET "year" = 1999 WHERE "id" = 1`)).toBe(true);
  });
});
