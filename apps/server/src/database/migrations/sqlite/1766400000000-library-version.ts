import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Columns of `episodes` the library list shows (its missing map follows from them). */
const LISTED_EPISODE_COLUMNS =
  '"series_id", "season", "episode_number", "languages", "is_downloaded"';

/**
 * `library_version`: a number that grows with every committed write that can change the library
 * list, so a cached page of it is known to be current by one read of one row (docs/SCALE.md,
 * "Library list"). Triggers keep it, whoever writes: any insert, update or delete of a series, and
 * of an episode's listed columns. SQLite has one writer at a time, so one row updated in the
 * writer's transaction does (PostgreSQL appends rows instead; the reader sums them either way).
 */
export class LibraryVersionSqlite1766400000000 implements MigrationInterface {
  name = 'LibraryVersionSqlite1766400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "library_version" ("n" integer NOT NULL)`);
    await q.query(`INSERT INTO "library_version" ("n") VALUES (1)`);
    const bump = `BEGIN UPDATE "library_version" SET "n" = "n" + 1; END`;
    for (const op of ['INSERT', 'UPDATE', 'DELETE'])
      await q.query(
        `CREATE TRIGGER "tr_library_version_series_${op.toLowerCase()}" AFTER ${op} ON "anime_series" ${bump}`,
      );
    await q.query(
      `CREATE TRIGGER "tr_library_version_episodes_insert" AFTER INSERT ON "episodes" ${bump}`,
    );
    await q.query(
      `CREATE TRIGGER "tr_library_version_episodes_delete" AFTER DELETE ON "episodes" ${bump}`,
    );
    await q.query(
      `CREATE TRIGGER "tr_library_version_episodes_update" AFTER UPDATE OF ${LISTED_EPISODE_COLUMNS} ON "episodes" ${bump}`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const name of [
      'series_insert',
      'series_update',
      'series_delete',
      'episodes_insert',
      'episodes_delete',
      'episodes_update',
    ])
      await q.query(`DROP TRIGGER "tr_library_version_${name}"`);
    await q.query(`DROP TABLE "library_version"`);
  }
}
