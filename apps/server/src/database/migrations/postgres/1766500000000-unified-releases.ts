import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One store of the sites' releases: `episode_releases` gains the series title and the release
 * moment the Torznab RSS feed needs, takes over the rows of `arr_recent` (its day and moment kept),
 * and `arr_recent` goes. Both read aniworld's new-episodes page (apps/server/src/calendar/README.md).
 */
export class UnifiedReleasesPostgres1766500000000 implements MigrationInterface {
  name = 'UnifiedReleasesPostgres1766500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "episode_releases" ADD COLUMN "series_title" varchar(500)`);
    await q.query(`ALTER TABLE "episode_releases" ADD COLUMN "released_at" bigint`);
    // Released rows recorded before: first seen on their day → that moment, else the midnight.
    await q.query(`UPDATE "episode_releases"
      SET "released_at" = CASE
        WHEN to_char(to_timestamp("first_seen_at" / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD') = "air_date"
          THEN "first_seen_at"
        ELSE (extract(epoch FROM ("air_date" || ' 00:00:00+00')::timestamptz) * 1000)::bigint END
      WHERE "release" = 'released'`);
    // arr_recent held the server process's local time; UTC in the shipped image and in CI.
    const moment = (t: string) =>
      `(extract(epoch FROM ${t}."released_at" AT TIME ZONE 'UTC') * 1000)::bigint`;
    await q.query(`UPDATE "episode_releases" AS r
      SET "series_title" = a."series_title", "release" = 'released', "air_time" = NULL,
        "air_date" = CASE WHEN r."release" = 'released' THEN r."air_date" ELSE to_char(a."released_at", 'YYYY-MM-DD') END,
        "released_at" = COALESCE(r."released_at", ${moment('a')})
      FROM "arr_recent" AS a
      WHERE a."site" = r."site" AND a."key" = r."key" AND a."season" = r."season"
        AND a."episode" = r."episode" AND a."language" = r."language"`);
    await q.query(`INSERT INTO "episode_releases"
      ("site", "key", "season", "episode", "language", "air_date", "air_time", "release",
       "first_seen_at", "series_title", "released_at")
      SELECT a."site", a."key", a."season", a."episode", a."language",
        to_char(a."released_at", 'YYYY-MM-DD'), NULL, 'released', ${moment('a')},
        a."series_title", ${moment('a')}
      FROM "arr_recent" AS a WHERE length(a."key") <= 200
      ON CONFLICT DO NOTHING`);
    await q.query(
      `CREATE INDEX "ix_episode_releases_released" ON "episode_releases" ("released_at")`,
    );
    await q.query(`DROP TABLE "arr_recent"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "arr_recent" (
      "site" varchar(16) NOT NULL,
      "key" varchar(255) NOT NULL,
      "season" integer NOT NULL,
      "episode" integer NOT NULL,
      "language" varchar(16) NOT NULL,
      "series_title" varchar(500) NOT NULL,
      "released_at" TIMESTAMP NOT NULL,
      PRIMARY KEY ("site", "key", "season", "episode", "language")
    )`);
    await q.query(`CREATE INDEX "ix_arr_recent_released" ON "arr_recent" ("released_at")`);
    await q.query(`INSERT INTO "arr_recent"
      SELECT "site", "key", "season", "episode", "language", COALESCE("series_title", "key"),
        to_timestamp("released_at" / 1000.0) AT TIME ZONE 'UTC'
      FROM "episode_releases" WHERE "release" = 'released' AND "language" <> ''`);
    await q.query(`DROP INDEX "ix_episode_releases_released"`);
    await q.query(`ALTER TABLE "episode_releases" DROP COLUMN "released_at"`);
    await q.query(`ALTER TABLE "episode_releases" DROP COLUMN "series_title"`);
  }
}
