import type { MigrationInterface, QueryRunner } from 'typeorm';

export class NotificationsLibraryFoldersPostgres1763800000000 implements MigrationInterface {
  name = 'NotificationsLibraryFoldersPostgres1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "notifications" (
      "id" varchar(36) PRIMARY KEY,
      "kind" varchar(32) NOT NULL,
      "level" varchar(16) NOT NULL,
      "title" varchar(300) NOT NULL,
      "message" text NOT NULL,
      "series_key" varchar(255),
      "data" text,
      "read_at" TIMESTAMP,
      "created_at" TIMESTAMP NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX "ix_notifications_created" ON "notifications" ("created_at")`);
    await q.query(`CREATE TABLE "library_folders" (
      "folder" varchar(500) PRIMARY KEY,
      "signature" varchar(64) NOT NULL,
      "series_id" integer REFERENCES "anime_series" ("id") ON DELETE SET NULL,
      "files" text NOT NULL DEFAULT '[]',
      "scanned_at" TIMESTAMP NOT NULL DEFAULT now()
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "library_folders"`);
    await q.query(`DROP TABLE "notifications"`);
  }
}
