import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The Torznab indexer's catalogue, episode lists, availability cache and new-episode rows. */
export class ArrTorznabSqlite1764100000000 implements MigrationInterface {
  name = 'ArrTorznabSqlite1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "arr_catalogue" (
      "site" varchar(16) NOT NULL,
      "key" varchar(255) NOT NULL,
      "title" varchar(500) NOT NULL,
      "alt_titles" text NOT NULL,
      "imdb_id" varchar(16),
      "tvdb_id" integer,
      "listed_at" datetime NOT NULL,
      "episodes_checked_at" datetime,
      PRIMARY KEY ("site", "key")
    )`);
    await q.query(`CREATE INDEX "ix_arr_catalogue_imdb" ON "arr_catalogue" ("imdb_id")`);
    await q.query(`CREATE INDEX "ix_arr_catalogue_tvdb" ON "arr_catalogue" ("tvdb_id")`);
    await q.query(`CREATE TABLE "arr_episodes" (
      "site" varchar(16) NOT NULL,
      "key" varchar(255) NOT NULL,
      "season" integer NOT NULL,
      "episode" integer NOT NULL,
      "title" varchar(500),
      PRIMARY KEY ("site", "key", "season", "episode")
    )`);
    await q.query(`CREATE TABLE "arr_availability" (
      "site" varchar(16) NOT NULL,
      "key" varchar(255) NOT NULL,
      "season" integer NOT NULL,
      "episode" integer NOT NULL,
      "language" varchar(16) NOT NULL,
      "available" boolean NOT NULL,
      "hosters" text NOT NULL,
      "height" integer,
      "codec" varchar(64),
      "bandwidth" integer,
      "duration_sec" integer,
      "checked_at" datetime NOT NULL,
      "expires_at" datetime NOT NULL,
      PRIMARY KEY ("site", "key", "season", "episode", "language")
    )`);
    await q.query(`CREATE TABLE "arr_recent" (
      "site" varchar(16) NOT NULL,
      "key" varchar(255) NOT NULL,
      "season" integer NOT NULL,
      "episode" integer NOT NULL,
      "language" varchar(16) NOT NULL,
      "series_title" varchar(500) NOT NULL,
      "released_at" datetime NOT NULL,
      PRIMARY KEY ("site", "key", "season", "episode", "language")
    )`);
    await q.query(`CREATE INDEX "ix_arr_recent_released" ON "arr_recent" ("released_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "arr_recent"`);
    await q.query(`DROP TABLE "arr_availability"`);
    await q.query(`DROP TABLE "arr_episodes"`);
    await q.query(`DROP TABLE "arr_catalogue"`);
  }
}
