import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Queue totals kept by triggers, so the status does not count the whole history on every read:
 * `queue_totals` holds signed deltas per status (items, and bytes of completed items) that the
 * triggers append on every insert, status change and delete, including cascades. Readers sum the
 * few rows; `QueueTotalsRepository.totals` folds them back into one row per status now and then.
 * Appending rather than updating one row per status means concurrent writers (PostgreSQL) never
 * wait for each other's row lock. Also indexes in the order of the paged lists.
 */
export class QueueTotalsSqlite1765000000001 implements MigrationInterface {
  name = 'QueueTotalsSqlite1765000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "queue_totals" (
      "status" varchar(16) NOT NULL,
      "items" integer NOT NULL,
      "bytes" bigint NOT NULL
    )`);
    await q.query(`INSERT INTO "queue_totals" ("status", "items", "bytes")
      SELECT "status", COUNT(*), COALESCE(SUM(CASE WHEN "status" = 'completed' THEN "bytes_done" ELSE 0 END), 0)
      FROM "download_queue_items" GROUP BY "status"`);
    await q.query(`CREATE TRIGGER "tr_queue_totals_insert" AFTER INSERT ON "download_queue_items"
      BEGIN
        INSERT INTO "queue_totals" VALUES (NEW."status", 1,
          CASE WHEN NEW."status" = 'completed' THEN NEW."bytes_done" ELSE 0 END);
      END`);
    await q.query(`CREATE TRIGGER "tr_queue_totals_delete" AFTER DELETE ON "download_queue_items"
      BEGIN
        INSERT INTO "queue_totals" VALUES (OLD."status", -1,
          CASE WHEN OLD."status" = 'completed' THEN -OLD."bytes_done" ELSE 0 END);
      END`);
    await q.query(`CREATE TRIGGER "tr_queue_totals_update" AFTER UPDATE OF "status", "bytes_done"
      ON "download_queue_items"
      WHEN OLD."status" <> NEW."status"
        OR ((OLD."status" = 'completed' OR NEW."status" = 'completed') AND OLD."bytes_done" <> NEW."bytes_done")
      BEGIN
        INSERT INTO "queue_totals" VALUES (OLD."status", -1,
          CASE WHEN OLD."status" = 'completed' THEN -OLD."bytes_done" ELSE 0 END);
        INSERT INTO "queue_totals" VALUES (NEW."status", 1,
          CASE WHEN NEW."status" = 'completed' THEN NEW."bytes_done" ELSE 0 END);
      END`);
    await q.query(
      `CREATE INDEX "ix_queue_finished" ON "download_queue_items" ("status", "completed_at", "updated_at", "id")`,
    );
    await q.query(
      `CREATE INDEX "ix_queue_pending_order" ON "download_queue_items" ("status", "priority", "position", "created_at", "id")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_queue_pending_order"`);
    await q.query(`DROP INDEX "ix_queue_finished"`);
    for (const trigger of ['insert', 'delete', 'update'])
      await q.query(`DROP TRIGGER "tr_queue_totals_${trigger}"`);
    await q.query(`DROP TABLE "queue_totals"`);
  }
}
