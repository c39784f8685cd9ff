import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The qBittorrent-compatible download client: its categories and torrents, and what the queue
 * needs for items it downloads for it (a target path outside the library, a per-item hold for
 * paused torrents, the category to show).
 */
export class ArrQbittorrentSqlite1765000000000 implements MigrationInterface {
  name = 'ArrQbittorrentSqlite1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "download_queue_items" ADD COLUMN "target_path" varchar(2000)`);
    await q.query(
      `ALTER TABLE "download_queue_items" ADD COLUMN "held" boolean NOT NULL DEFAULT (0)`,
    );
    await q.query(`ALTER TABLE "download_queue_items" ADD COLUMN "category" varchar(255)`);
    await q.query(`CREATE TABLE "arr_categories" (
      "name" varchar(255) PRIMARY KEY NOT NULL,
      "save_path" varchar(2000),
      "created_at" datetime NOT NULL DEFAULT (datetime('now'))
    )`);
    await q.query(`CREATE TABLE "arr_torrents" (
      "hash" varchar(40) PRIMARY KEY NOT NULL,
      "name" varchar(1000) NOT NULL,
      "site" varchar(32) NOT NULL,
      "series_key" varchar(255) NOT NULL,
      "season" integer NOT NULL,
      "episode" integer NOT NULL,
      "language" varchar(16) NOT NULL,
      "mode" varchar(16) NOT NULL,
      "category" varchar(255) NOT NULL DEFAULT (''),
      "tags" text NOT NULL DEFAULT ('[]'),
      "save_path" varchar(2000) NOT NULL,
      "content_path" varchar(2000) NOT NULL,
      "queue_item_id" varchar(36),
      "force_start" boolean NOT NULL DEFAULT (0),
      "added_at" datetime NOT NULL DEFAULT (datetime('now'))
    )`);
    await q.query(`CREATE INDEX "ix_arr_torrents_category" ON "arr_torrents" ("category")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "arr_torrents"`);
    await q.query(`DROP TABLE "arr_categories"`);
    await q.query(`ALTER TABLE "download_queue_items" DROP COLUMN "category"`);
    await q.query(`ALTER TABLE "download_queue_items" DROP COLUMN "held"`);
    await q.query(`ALTER TABLE "download_queue_items" DROP COLUMN "target_path"`);
  }
}
