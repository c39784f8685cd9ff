import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { type DataSource, In, LessThan, type Repository } from 'typeorm';
import type { LanguageCode, QueueItemStatus, QueueList } from '@aniworld/contracts';
import { DATA_SOURCE } from '../database/database.service';
import { DownloadQueueItemEntity, type PriorityRank } from './entities/download-queue-item.entity';

export interface NewQueueItem {
  episodeId: number;
  priority: PriorityRank;
  language: LanguageCode | null;
  /** Final file path outside the library (download client items); null = naming template. */
  targetPath?: string | null;
  category?: string | null;
  /** Inserted held (a torrent added paused): never claimable, not even for a moment. */
  held?: boolean;
  /** Replaces a file in a less preferred language (only better languages are tried). */
  upgrade?: boolean;
}

export type InsertResult =
  { ok: true; item: DownloadQueueItemEntity } | { ok: false; reason: 'already_queued' };

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

/** Delta rows in `queue_totals` beyond which a read folds them into one row per status. */
const TOTALS_FOLD_AT = 200;

/** Rows per multi-row INSERT (12 parameters each, well below both databases' limits). */
const INSERT_CHUNK = 200;

/** The only code that touches download_queue_items. */
@Injectable()
export class QueueRepository {
  private readonly repo: Repository<DownloadQueueItemEntity>;
  private readonly postgres: boolean;

  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {
    this.repo = dataSource.getRepository(DownloadQueueItemEntity);
    this.postgres = dataSource.options.type === 'postgres';
  }

  /**
   * Inserts one item at the end of the queue. The partial unique index `uq_queue_open_episode`
   * decides races between requests: a violation means "already pending or downloading".
   */
  async insert(item: NewQueueItem): Promise<InsertResult> {
    const entity = this.newItem(item, (await this.maxPosition()) + 1);
    try {
      await this.repo.insert(entity);
    } catch (error) {
      if (isUniqueViolation(error)) return { ok: false, reason: 'already_queued' };
      throw error;
    }
    return { ok: true, item: entity };
  }

  private newItem(item: NewQueueItem, position: number): DownloadQueueItemEntity {
    const now = new Date();
    return this.repo.create({
      id: randomUUID(),
      episodeId: item.episodeId,
      status: 'pending',
      priority: item.priority,
      position,
      language: item.language,
      downloadedLanguage: null,
      fallbackFrom: null,
      upgrade: item.upgrade ?? false,
      attempts: 0,
      nextAttemptAt: null,
      bytesDone: 0,
      bytesTotal: null,
      speed: null,
      error: null,
      providersTried: [],
      hoster: null,
      leaseOwner: null,
      leaseExpiresAt: null,
      startedAt: null,
      completedAt: null,
      targetPath: item.targetPath ?? null,
      held: item.held ?? false,
      category: item.category ?? null,
      createdAt: now,
      updatedAt: now,
    });
  }

  /**
   * Inserts items at the end of the queue, in the order given, in one transaction: one read of
   * the last position and a few multi-row INSERTs instead of three autocommitted statements per
   * item. An episode already pending or downloading (the partial unique index
   * `uq_queue_open_episode`, also against concurrent requests) is skipped by the INSERT itself
   * (`OR IGNORE` / `ON CONFLICT DO NOTHING`); the result holds the items that went in.
   */
  async insertMany(items: NewQueueItem[]): Promise<DownloadQueueItemEntity[]> {
    if (items.length === 0) return [];
    return this.dataSource.transaction(async (manager) => {
      const [row] = (await manager.query(
        `SELECT MAX("position") AS "max" FROM "download_queue_items"`,
      )) as { max: string | number | null }[];
      const last = row?.max === null || row?.max === undefined ? 0 : Number(row.max);
      const entities = items.map((item, i) => this.newItem(item, last + 1 + i));
      const stored = new Set<string>();
      // Raw multi-row INSERTs: TypeORM's builder spends milliseconds per entity on metadata.
      for (let i = 0; i < entities.length; i += INSERT_CHUNK) {
        const chunk = entities.slice(i, i + INSERT_CHUNK);
        const values: unknown[] = [];
        const rows = chunk.map((e) => {
          const at = this.postgres ? e.createdAt : sqliteDate(e.createdAt);
          const row = [
            e.id,
            e.episodeId,
            e.status,
            e.priority,
            e.position,
            e.language,
            e.targetPath,
            this.postgres ? e.held : e.held ? 1 : 0,
            this.postgres ? e.upgrade : e.upgrade ? 1 : 0,
            e.category,
            at,
            at,
          ];
          const first = values.length;
          values.push(...row);
          return `(${row.map((_v, k) => (this.postgres ? `$${first + k + 1}` : '?')).join(', ')})`;
        });
        await manager.query(
          `INSERT ${this.postgres ? '' : 'OR IGNORE '}INTO "download_queue_items"
             ("id", "episode_id", "status", "priority", "position", "language",
              "target_path", "held", "upgrade", "category", "created_at", "updated_at")
           VALUES ${rows.join(', ')}${this.postgres ? ' ON CONFLICT DO NOTHING' : ''}`,
          values,
        );
        const ids = chunk.map((e) => e.id);
        const found = (await manager.query(
          `SELECT "id" FROM "download_queue_items" WHERE "id" IN (${ids
            .map((_id, k) => (this.postgres ? `$${k + 1}` : '?'))
            .join(', ')})`,
          ids,
        )) as { id: string }[];
        for (const f of found) stored.add(f.id);
      }
      return entities.filter((e) => stored.has(e.id));
    });
  }

  /** Episode ids among these that already have a pending or downloading item. */
  async openEpisodeIds(episodeIds: number[]): Promise<Set<number>> {
    if (!episodeIds.length) return new Set();
    const rows = await this.repo.find({
      select: { episodeId: true },
      where: { episodeId: In(episodeIds), status: In(['pending', 'downloading']) },
    });
    return new Set(rows.map((r) => r.episodeId));
  }

  /** Pending and downloading items of one series. */
  async openIdsOfSeries(seriesId: number): Promise<string[]> {
    const rows = await this.repo
      .createQueryBuilder('q')
      .innerJoin('q.episode', 'e')
      .select('q.id', 'id')
      .where('e.series_id = :seriesId', { seriesId })
      .andWhere("q.status IN ('pending', 'downloading')")
      .getRawMany<{ id: string }>();
    return rows.map((r) => r.id);
  }

  findById(id: string): Promise<DownloadQueueItemEntity | null> {
    return this.withRelations().where('q.id = :id', { id }).getOne();
  }

  findByIds(ids: string[]): Promise<DownloadQueueItemEntity[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.withRelations().where('q.id IN (:...ids)', { ids }).getMany();
  }

  /** Items in these states, in queue order (priority, then position). */
  listByStatus(statuses: QueueItemStatus[], limit?: number): Promise<DownloadQueueItemEntity[]> {
    const query = this.withRelations()
      .where('q.status IN (:...statuses)', { statuses })
      .orderBy('q.priority', 'ASC')
      .addOrderBy('q.position', 'ASC')
      .addOrderBy('q.createdAt', 'ASC')
      .addOrderBy('q.id', 'ASC');
    if (limit) query.limit(limit);
    return query.getMany();
  }

  async setHeld(ids: string[], held: boolean): Promise<void> {
    if (ids.length) await this.repo.update({ id: In(ids) }, { held });
  }

  async setCategory(ids: string[], category: string | null): Promise<void> {
    if (ids.length) await this.repo.update({ id: In(ids) }, { category });
  }

  /** Ids of the pending items in queue order. */
  async pendingIds(): Promise<string[]> {
    const rows = await this.repo
      .createQueryBuilder('q')
      .select('q.id', 'id')
      .where("q.status = 'pending'")
      .orderBy('q.priority', 'ASC')
      .addOrderBy('q.position', 'ASC')
      .addOrderBy('q.createdAt', 'ASC')
      .addOrderBy('q.id', 'ASC')
      .getRawMany<{ id: string }>();
    return rows.map((r) => r.id);
  }

  /**
   * One page of a list: `pending` in queue order, `completed`/`failed` most recently finished
   * first. The page is a plain LIMIT/OFFSET over the index that has the list's order
   * (`ix_queue_pending_order`, `ix_queue_finished`), not a DISTINCT over every joined row.
   */
  async page(list: QueueList, offset: number, limit: number): Promise<DownloadQueueItemEntity[]> {
    // The page's ids first, from the index alone; then only those rows with their joins.
    const query = this.repo
      .createQueryBuilder('q')
      .select('q.id', 'id')
      .where('q.status = :status', { status: list });
    if (list === 'pending')
      query
        .orderBy('q.priority', 'ASC')
        .addOrderBy('q.position', 'ASC')
        .addOrderBy('q.createdAt', 'ASC')
        .addOrderBy('q.id', 'ASC');
    else
      query
        .orderBy('q.completedAt', 'DESC')
        .addOrderBy('q.updatedAt', 'DESC')
        .addOrderBy('q.id', 'DESC');
    const ids = (await query.offset(offset).limit(limit).getRawMany<{ id: string }>()).map(
      (r) => r.id,
    );
    const rows = new Map((await this.findByIds(ids)).map((row) => [row.id, row]));
    return ids.flatMap((id) => rows.get(id) ?? []);
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

  async delete(ids: string[]): Promise<void> {
    if (ids.length) await this.repo.delete({ id: In(ids) });
  }

  /** Completed and cancelled items last changed before `before` (housekeeping). */
  async deleteFinishedBefore(before: Date): Promise<number> {
    const result = await this.repo.delete({
      status: In(['completed', 'cancelled']),
      updatedAt: LessThan(before),
    });
    return result.affected ?? 0;
  }

  async deleteByStatus(status: QueueItemStatus): Promise<number> {
    const result = await this.repo.delete({ status });
    return result.affected ?? 0;
  }

  /**
   * Writes new positions for pending items in the given order (one transaction). Rows are written
   * in id order, whatever the new order: two reorders at once then lock the rows in the same order
   * on PostgreSQL, so one waits for the other instead of both deadlocking.
   */
  async setPositions(orderedIds: string[]): Promise<void> {
    const byId = [...orderedIds.entries()].sort(([, a], [, b]) => (a < b ? -1 : a > b ? 1 : 0));
    await this.dataSource.transaction(async (manager) => {
      for (const [index, id] of byId)
        await manager.update(
          DownloadQueueItemEntity,
          { id, status: 'pending' },
          { position: index },
        );
    });
  }

  /**
   * Puts failed or cancelled items back in line with a clean slate. An episode that got a new open
   * item meanwhile stays as it is (the unique index says so); returns the ids that were reset.
   */
  /** Back to pending at the end of the line; `resetAttempts` starts the attempts over. */
  async resetForRetry(ids: string[], resetAttempts: boolean): Promise<string[]> {
    const reset: string[] = [];
    for (const id of ids) {
      try {
        const result = await this.repo.update(
          { id, status: In(['failed', 'cancelled']) },
          {
            status: 'pending',
            ...(resetAttempts ? { attempts: 0 } : {}),
            error: null,
            nextAttemptAt: null,
            providersTried: [],
            completedAt: null,
            position: (await this.maxPosition()) + 1,
          },
        );
        if (result.affected) reset.push(id);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
    }
    return reset;
  }

  failedItems(): Promise<{ id: string; attempts: number }[]> {
    return this.repo.find({ select: { id: true, attempts: true }, where: { status: 'failed' } });
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

  async maxPosition(): Promise<number> {
    const row = await this.repo
      .createQueryBuilder('q')
      .select('MAX(q.position)', 'max')
      .getRawOne<{ max: string | number | null }>();
    return row?.max === null || row?.max === undefined ? 0 : Number(row.max);
  }

  private withRelations() {
    return this.repo
      .createQueryBuilder('q')
      .leftJoinAndSelect('q.episode', 'e')
      .leftJoinAndSelect('e.series', 's')
      .withDeleted();
  }
}

/** TypeORM stores SQLite datetimes as UTC `YYYY-MM-DD HH:MM:SS.SSS`; raw SQL must match it. */
function sqliteDate(date: Date): string {
  return date.toISOString().replace('T', ' ').replace('Z', '');
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown; driverError?: { code?: unknown }; message?: unknown };
  const code = e.driverError?.code ?? e.code;
  if (code === '23505') return true;
  return typeof e.message === 'string' && /UNIQUE constraint failed/i.test(e.message);
}
