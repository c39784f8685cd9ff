import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Columns of `episodes` the library list shows (its missing map follows from them). */
const LISTED_EPISODE_COLUMNS =
  '"series_id", "season", "episode_number", "languages", "is_downloaded"';

/**
 * `library_version`: a number that grows with every committed write that can change the library
 * list, so a cached page of it is known to be current by one short read (docs/SCALE.md, "Library
 * list"). Statement triggers keep it, whoever writes: any insert, update, delete or truncate of
 * series, and of an episode's listed columns. Each such statement appends a row of 1 and the
 * version is the sum: rows become visible with the commit that wrote them, and concurrent writers
 * never wait for (or deadlock on) one counter row's lock, as they would if they all updated it.
 * `LibraryVersionRepository` folds the rows into one now and then, which keeps the sum.
 */
export class LibraryVersionPostgres1766400000000 implements MigrationInterface {
  name = 'LibraryVersionPostgres1766400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "library_version" ("n" bigint NOT NULL)`);
    await q.query(`INSERT INTO "library_version" ("n") VALUES (1)`);
    await q.query(`CREATE FUNCTION "library_version_bump"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO "library_version" ("n") VALUES (1);
        RETURN NULL;
      END
    $$`);
    await q.query(`CREATE TRIGGER "tr_library_version_series" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
      ON "anime_series" FOR EACH STATEMENT EXECUTE FUNCTION "library_version_bump"()`);
    await q.query(`CREATE TRIGGER "tr_library_version_episodes" AFTER INSERT OR DELETE OR TRUNCATE
      OR UPDATE OF ${LISTED_EPISODE_COLUMNS}
      ON "episodes" FOR EACH STATEMENT EXECUTE FUNCTION "library_version_bump"()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "tr_library_version_episodes" ON "episodes"`);
    await q.query(`DROP TRIGGER "tr_library_version_series" ON "anime_series"`);
    await q.query(`DROP FUNCTION "library_version_bump"()`);
    await q.query(`DROP TABLE "library_version"`);
  }
}
