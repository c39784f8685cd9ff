import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { QueueItemStatus } from '@aniworld/contracts';
import { DATA_SOURCE } from '../database/database.service';

/** Delta rows in `queue_totals` beyond which a read folds them into one row per status. */
const TOTALS_FOLD_AT = 200;

/** Items per status and completed bytes, from the deltas the triggers append to `queue_totals`. */
@Injectable()
export class QueueTotalsRepository {
  private readonly postgres: boolean;

  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {
    this.postgres = dataSource.options.type === 'postgres';
  }

  /**
   * Items per status and the bytes of completed ones, from the deltas the triggers append to
   * `queue_totals` (migration 1765000000001): a read of a few rows, whatever the history. Once
   * the deltas pile up they are folded into one row per status.
   */
  async totals(): Promise<{ counts: Record<QueueItemStatus, number>; completedBytes: number }> {
    const rows = (await this.dataSource.query(
      `SELECT "status", SUM("items") AS "items", SUM("bytes") AS "bytes", COUNT(*) AS "n"
       FROM "queue_totals" GROUP BY "status"`,
    )) as {
      status: QueueItemStatus;
      items: string | number;
      bytes: string | number;
      n: string | number;
    }[];
    const counts = { pending: 0, downloading: 0, completed: 0, failed: 0, cancelled: 0 };
    let completedBytes = 0;
    let deltas = 0;
    for (const row of rows) {
      counts[row.status] = Number(row.items);
      if (row.status === 'completed') completedBytes = Number(row.bytes);
      deltas += Number(row.n);
    }
    if (deltas > TOTALS_FOLD_AT) await this.foldTotals();
    return { counts, completedBytes };
  }

  /**
   * Replaces the deltas by their sums. PostgreSQL: one statement that deletes exactly the rows it
   * sums (rows appended meanwhile stay), so concurrent folds and writers never double-count.
   * SQLite: a transaction, which has the connection to itself.
   */
  private async foldTotals(): Promise<void> {
    if (this.postgres) {
      await this.dataSource.query(
        `WITH gone AS (DELETE FROM "queue_totals" RETURNING "status", "items", "bytes")
         INSERT INTO "queue_totals" ("status", "items", "bytes")
         SELECT "status", SUM("items"), SUM("bytes") FROM gone GROUP BY "status"`,
      );
      return;
    }
    await this.dataSource.transaction(async (manager) => {
      const sums = (await manager.query(
        `SELECT "status", SUM("items") AS "items", SUM("bytes") AS "bytes" FROM "queue_totals" GROUP BY "status"`,
      )) as { status: string; items: number; bytes: number }[];
      await manager.query(`DELETE FROM "queue_totals"`);
      for (const row of sums)
        await manager.query(
          `INSERT INTO "queue_totals" ("status", "items", "bytes") VALUES (?, ?, ?)`,
          [row.status, row.items, row.bytes],
        );
    });
  }
}
