import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * TMDB metadata (docs/metadata.md): the external ids, genres and stored artwork on the series,
 * the first air date on the episodes, and the match state per series.
 */
export class MetadataPostgres1766100000000 implements MigrationInterface {
  name = 'MetadataPostgres1766100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "anime_series" ADD COLUMN "tmdb_id" integer`);
    await q.query(`ALTER TABLE "anime_series" ADD COLUMN "tvdb_id" integer`);
    await q.query(`ALTER TABLE "anime_series" ADD COLUMN "imdb_id" varchar(16)`);
    await q.query(`ALTER TABLE "anime_series" ADD COLUMN "genres" text NOT NULL DEFAULT '[]'`);
    await q.query(`ALTER TABLE "anime_series" ADD COLUMN "poster_version" varchar(40)`);
    await q.query(`ALTER TABLE "anime_series" ADD COLUMN "fanart_version" varchar(40)`);
    await q.query(`ALTER TABLE "episodes" ADD COLUMN "air_date" varchar(10)`);
    await q.query(`CREATE TABLE "series_metadata" (
      "series_id" integer PRIMARY KEY REFERENCES "anime_series" ("id") ON DELETE CASCADE,
      "state" varchar(16) NOT NULL,
      "method" varchar(16),
      "confidence" real,
      "candidates" text NOT NULL DEFAULT '[]',
      "error" text,
      "checked_at" bigint NOT NULL,
      "last_write" text
    )`);
    await q.query(`CREATE INDEX "ix_series_metadata_state" ON "series_metadata" ("state")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "series_metadata"`);
    await q.query(`ALTER TABLE "episodes" DROP COLUMN "air_date"`);
    for (const column of [
      'fanart_version',
      'poster_version',
      'genres',
      'imdb_id',
      'tvdb_id',
      'tmdb_id',
    ])
      await q.query(`ALTER TABLE "anime_series" DROP COLUMN "${column}"`);
  }
}
