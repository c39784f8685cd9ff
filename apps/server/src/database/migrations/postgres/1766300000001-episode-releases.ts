import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `episode_releases`: what the new-episodes check read on the sites (released and announced
 * episodes per language and day), for the calendar (apps/server/src/calendar/README.md).
 */
export class EpisodeReleasesPostgres1766300000001 implements MigrationInterface {
  name = 'EpisodeReleasesPostgres1766300000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "episode_releases" (
      "site" varchar(16) NOT NULL,
      "key" varchar(200) NOT NULL,
      "season" integer NOT NULL,
      "episode" integer NOT NULL,
      "language" varchar(16) NOT NULL,
      "air_date" varchar(10) NOT NULL,
      "air_time" varchar(5),
      "release" varchar(10) NOT NULL,
      "first_seen_at" bigint NOT NULL,
      PRIMARY KEY ("site", "key", "season", "episode", "language")
    )`);
    await q.query(`CREATE INDEX "ix_episode_releases_date" ON "episode_releases" ("air_date")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "episode_releases"`);
  }
}
