import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The language a file was actually downloaded in, on the queue item and on the episode, whether
 * the item fell back to a less preferred language, and whether it is an upgrade of a file in a
 * less preferred one (docs/languages.md).
 */
export class DownloadedLanguagePostgres1766200000000 implements MigrationInterface {
  name = 'DownloadedLanguagePostgres1766200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "download_queue_items" ADD COLUMN "downloaded_language" varchar(16)`,
    );
    await q.query(`ALTER TABLE "download_queue_items" ADD COLUMN "fallback_from" varchar(16)`);
    await q.query(
      `ALTER TABLE "download_queue_items" ADD COLUMN "upgrade" boolean NOT NULL DEFAULT false`,
    );
    await q.query(`ALTER TABLE "episodes" ADD COLUMN "downloaded_language" varchar(16)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "episodes" DROP COLUMN "downloaded_language"`);
    for (const column of ['upgrade', 'fallback_from', 'downloaded_language'])
      await q.query(`ALTER TABLE "download_queue_items" DROP COLUMN "${column}"`);
  }
}
