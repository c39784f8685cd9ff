import { Inject, Injectable } from '@nestjs/common';
import { type DataSource, type Repository } from 'typeorm';
import { DATA_SOURCE } from '../database/database.service';
import { sqliteDate } from '../database/sql-values';
import { DownloadQueueItemEntity } from './entities/download-queue-item.entity';

export interface ProgressUpdate {
  bytesDone: number;
  bytesTotal: number | null;
  speed: number | null;
}

/** Fields a worker writes when a run ends; the row must still be leased by that worker. */
export type RunEnd = Partial<
  Pick<
    DownloadQueueItemEntity,
    | 'status'
    | 'attempts'
    | 'nextAttemptAt'
    | 'error'
    | 'providersTried'
    | 'hoster'
    | 'bytesDone'
    | 'bytesTotal'
    | 'speed'
    | 'completedAt'
    | 'downloadedLanguage'
    | 'fallbackFrom'
  >
>;

/**
 * system_settings key of the queue's run state (`{ running, paused }` as JSON), written by
 * QueueStateService. The claim reads it in the same statement, so no instance claims an item
 * once any instance has paused or stopped the queue.
 */
export const QUEUE_STATE_KEY = 'queue.state';

/**
 * A worker's run of an item: the claim, the lease renewed while it runs, its progress, its end,
 * and the release of leases whose owner died.
 */
@Injectable()
export class QueueLeaseRepository {
  private readonly repo: Repository<DownloadQueueItemEntity>;
  private readonly postgres: boolean;

  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {
    this.repo = dataSource.getRepository(DownloadQueueItemEntity);
    this.postgres = dataSource.options.type === 'postgres';
  }

  /**
   * Takes the next due pending item for `owner`, or null. PostgreSQL locks the candidate row with
   * FOR UPDATE SKIP LOCKED so concurrent claimers take different rows. SQLite reads the next few
   * candidates and takes the first with a conditional UPDATE (`… WHERE id = ? AND status =
   * 'pending'`): writers are serialised by the database lock, so a claimer that lost the race
   * changes no row and moves on to the next candidate.
   *
   * Nothing is claimed while the stored run state (system_settings `queue.state`) says paused or
   * stopped: the claiming statement reads it, so it holds across instances without any cache.
   */
  async claim(
    owner: string,
    now: Date,
    leaseMs: number,
    options: { targetedOnly?: boolean } = {},
  ): Promise<string | null> {
    const until = new Date(now.getTime() + leaseMs);
    // Only items with a fixed target path (they need no library), when the library is unusable.
    const targeted = options.targetedOnly === true;
    if (this.postgres) {
      const rows = (await this.dataSource.query(
        `UPDATE "download_queue_items" SET "status" = 'downloading', "lease_owner" = $1,
           "lease_expires_at" = $2, "started_at" = COALESCE("started_at", $3), "updated_at" = $3
         WHERE "id" = (
           SELECT "id" FROM "download_queue_items"
           WHERE "status" = 'pending' AND ("next_attempt_at" IS NULL OR "next_attempt_at" <= $3)
             AND "held" = false${targeted ? ' AND "target_path" IS NOT NULL' : ''}
             AND NOT EXISTS (SELECT 1 FROM "system_settings" WHERE "key" = $4
               AND ("value"::jsonb @> '{"paused":true}' OR "value"::jsonb @> '{"running":false}'))
           ORDER BY "priority", "position", "created_at" LIMIT 1 FOR UPDATE SKIP LOCKED)
         AND "status" = 'pending'
         RETURNING "id"`,
        [owner, until, now, QUEUE_STATE_KEY],
      )) as [{ id: string }[], number] | { id: string }[];
      const list = Array.isArray(rows[0])
        ? (rows[0] as { id: string }[])
        : (rows as { id: string }[]);
      return list[0]?.id ?? null;
    }
    const candidates = await this.repo
      .createQueryBuilder('q')
      .select('q.id', 'id')
      .where("q.status = 'pending'")
      .andWhere('q.held = 0')
      .andWhere(targeted ? 'q.target_path IS NOT NULL' : '1 = 1')
      .andWhere('(q.next_attempt_at IS NULL OR q.next_attempt_at <= :now)', {
        now: sqliteDate(now),
      })
      .orderBy('q.priority', 'ASC')
      .addOrderBy('q.position', 'ASC')
      .addOrderBy('q.createdAt', 'ASC')
      .limit(8)
      .getRawMany<{ id: string }>();
    for (const { id } of candidates) {
      const result = await this.repo
        .createQueryBuilder()
        .update(DownloadQueueItemEntity)
        .set({
          status: 'downloading',
          leaseOwner: owner,
          leaseExpiresAt: until,
          startedAt: () => `COALESCE("started_at", '${sqliteDate(now)}')`,
        })
        .where("id = :id AND status = 'pending' AND held = 0", { id })
        .andWhere(
          `NOT EXISTS (SELECT 1 FROM "system_settings" WHERE "key" = :stateKey
             AND (json_extract("value", '$.paused') = 1 OR json_extract("value", '$.running') = 0))`,
          { stateKey: QUEUE_STATE_KEY },
        )
        .execute();
      if (result.affected) return id;
    }
    return null;
  }

  /** Extends the lease; false when the row is gone or no longer ours (removed, taken over). */
  async renewLease(id: string, owner: string, until: Date): Promise<boolean> {
    const result = await this.repo.update(
      { id, leaseOwner: owner, status: 'downloading' },
      { leaseExpiresAt: until },
    );
    return (result.affected ?? 0) > 0;
  }

  async saveProgress(id: string, owner: string, progress: ProgressUpdate): Promise<void> {
    await this.repo.update({ id, leaseOwner: owner, status: 'downloading' }, progress);
  }

  /** Ends a run; only while `owner` still holds the lease. The lease is released. */
  async endRun(id: string, owner: string, fields: RunEnd): Promise<boolean> {
    const result = await this.repo.update(
      { id, leaseOwner: owner, status: 'downloading' },
      { ...fields, leaseOwner: null, leaseExpiresAt: null },
    );
    return (result.affected ?? 0) > 0;
  }

  /**
   * Items left `downloading` by a dead process go back to pending, bytes kept. `expiredBefore`
   * limits it to leases that ran out (several instances); without it every lease is released
   * (one instance, at boot).
   */
  async releaseStale(expiredBefore?: Date): Promise<number> {
    const query = this.repo
      .createQueryBuilder()
      .update(DownloadQueueItemEntity)
      .set({ status: 'pending', leaseOwner: null, leaseExpiresAt: null, speed: null })
      .where('status = :status', { status: 'downloading' });
    if (expiredBefore)
      query.andWhere('(lease_expires_at IS NULL OR lease_expires_at < :before)', {
        before: this.postgres ? expiredBefore : sqliteDate(expiredBefore),
      });
    const result = await query.execute();
    return result.affected ?? 0;
  }

  /**
   * Puts a pending item before every other pending one (a download suspended by a pause goes on
   * first when the queue resumes; priority still comes first).
   */
  async toFront(id: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE "download_queue_items" SET "position" = (
         SELECT COALESCE(MIN("position"), 0) - 1 FROM "download_queue_items" WHERE "status" = 'pending'
       ) WHERE "id" = ${this.postgres ? '$1' : '?'} AND "status" = 'pending'`,
      [id],
    );
  }
}
