import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-series episode counts kept on write, and indexes for every sort and filter of the library
 * list. The counts start at 0 and no counts preference is stored, so the first list after the
 * upgrade computes them all once (`SeriesCountsRepository.ensurePreference`).
 */
export class SeriesCountsSqlite1765000000000 implements MigrationInterface {
  name = 'SeriesCountsSqlite1765000000000';

  async up(q: QueryRunner): Promise<void> {
    for (const column of ['episode_count', 'downloaded_count', 'missing_count'])
      await q.query(
        `ALTER TABLE "anime_series" ADD COLUMN "${column}" integer NOT NULL DEFAULT (0)`,
      );
    await q.query(`CREATE INDEX "ix_anime_series_name" ON "anime_series" (LOWER("name"), "id")`);
    await q.query(`CREATE INDEX "ix_anime_series_year" ON "anime_series" ("year", "id")`);
    await q.query(`CREATE INDEX "ix_anime_series_updated" ON "anime_series" ("updated_at", "id")`);
    await q.query(
      `CREATE INDEX "ix_anime_series_missing" ON "anime_series" ("missing_count", "id")`,
    );
    await q.query(`DELETE FROM "system_settings" WHERE "key" = 'library.counts_preference'`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of ['name', 'year', 'updated', 'missing'])
      await q.query(`DROP INDEX "ix_anime_series_${index}"`);
    for (const column of ['episode_count', 'downloaded_count', 'missing_count'])
      await q.query(`ALTER TABLE "anime_series" DROP COLUMN "${column}"`);
  }
}
