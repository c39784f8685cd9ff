import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchemaPostgres1763700000000 implements MigrationInterface {
  name = 'InitialSchemaPostgres1763700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "anime_series" (
      "id" SERIAL PRIMARY KEY,
      "key" varchar(255) NOT NULL,
      "name" varchar(500) NOT NULL,
      "site" varchar(32) NOT NULL,
      "folder" varchar(500),
      "year" integer,
      "cover_url" varchar(1000),
      "description" text,
      "alt_titles" text NOT NULL DEFAULT '[]',
      "language_preference" text,
      "created_at" TIMESTAMP NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP NOT NULL DEFAULT now(),
      "deleted_at" TIMESTAMP
    )`);
    await q.query(`CREATE UNIQUE INDEX "uq_anime_series_key" ON "anime_series" ("key")`);

    await q.query(`CREATE TABLE "episodes" (
      "id" SERIAL PRIMARY KEY,
      "series_id" integer NOT NULL REFERENCES "anime_series" ("id") ON DELETE CASCADE,
      "season" integer NOT NULL,
      "episode_number" integer NOT NULL,
      "absolute_number" integer,
      "title_de" varchar(500),
      "title_en" varchar(500),
      "languages" text NOT NULL DEFAULT '[]',
      "is_downloaded" boolean NOT NULL DEFAULT false,
      "file_path" varchar(2000),
      "created_at" TIMESTAMP NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP NOT NULL DEFAULT now(),
      CONSTRAINT "uq_episodes_series_season_episode" UNIQUE ("series_id", "season", "episode_number")
    )`);

    await q.query(`CREATE TABLE "download_queue_items" (
      "id" varchar(36) PRIMARY KEY,
      "episode_id" integer NOT NULL REFERENCES "episodes" ("id") ON DELETE CASCADE,
      "status" varchar(16) NOT NULL CHECK ("status" IN ('pending','downloading','completed','failed','cancelled')),
      "priority" integer NOT NULL CHECK ("priority" IN (0,1,2)),
      "position" integer NOT NULL,
      "language" varchar(16),
      "attempts" integer NOT NULL DEFAULT 0,
      "next_attempt_at" TIMESTAMP,
      "bytes_done" bigint NOT NULL DEFAULT 0,
      "bytes_total" bigint,
      "speed" double precision,
      "error" text,
      "providers_tried" text NOT NULL DEFAULT '[]',
      "hoster" varchar(64),
      "lease_owner" varchar(64),
      "lease_expires_at" TIMESTAMP,
      "started_at" TIMESTAMP,
      "completed_at" TIMESTAMP,
      "created_at" TIMESTAMP NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP NOT NULL DEFAULT now()
    )`);
    await q.query(
      `CREATE INDEX "ix_queue_status_order" ON "download_queue_items" ("status", "priority", "position")`,
    );
    await q.query(`CREATE INDEX "ix_queue_episode" ON "download_queue_items" ("episode_id")`);
    await q.query(
      `CREATE UNIQUE INDEX "uq_queue_open_episode" ON "download_queue_items" ("episode_id") WHERE "status" IN ('pending','downloading')`,
    );

    await q.query(`CREATE TABLE "user_sessions" (
      "id" varchar(36) PRIMARY KEY,
      "created_at" TIMESTAMP NOT NULL DEFAULT now(),
      "expires_at" TIMESTAMP NOT NULL,
      "last_seen_at" TIMESTAMP NOT NULL,
      "user_agent" varchar(512),
      "ip" varchar(64),
      "revoked_at" TIMESTAMP
    )`);
    await q.query(`CREATE INDEX "ix_user_sessions_expires" ON "user_sessions" ("expires_at")`);

    await q.query(`CREATE TABLE "system_settings" (
      "key" varchar(128) PRIMARY KEY,
      "value" text NOT NULL,
      "updated_at" TIMESTAMP NOT NULL DEFAULT now()
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'system_settings',
      'user_sessions',
      'download_queue_items',
      'episodes',
      'anime_series',
    ]) {
      await q.query(`DROP TABLE "${table}"`);
    }
  }
}
