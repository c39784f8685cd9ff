import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { type DataSource, In, LessThan, type Repository } from 'typeorm';
import type { LanguageCode, QueueItemStatus } from '@aniworld/contracts';
import { DATA_SOURCE } from '../database/database.service';
import { isUniqueViolation, sqliteDate } from '../database/sql-values';
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

/**
 * Rows per multi-row INSERT: 12 parameters each, 6,000 in all, well below both databases' limits
 * (SQLite 32,766, PostgreSQL 65,535).
 */
const INSERT_CHUNK = 500;

/**
 * The line of `download_queue_items`: items in (guarded by `uq_queue_open_episode`), their order,
 * holds and categories, retries, and items out. Reads are {@link QueueReadRepository}'s, a worker's
 * run {@link QueueLeaseRepository}'s, the totals {@link QueueTotalsRepository}'s.
 */
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
    // A plain assignment: `repo.create` walks the entity metadata per call (500 in one add).
    return Object.assign(new DownloadQueueItemEntity(), {
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
    } satisfies DownloadQueueItemEntity);
  }

  /**
   * Inserts items at the end of the queue, in the order given, in one transaction: one read of
   * the last position and a multi-row INSERT per 500 items (`RETURNING` the ids that went in)
   * instead of three autocommitted statements per item. An episode already pending or
   * downloading (the partial unique index `uq_queue_open_episode`, also against concurrent
   * requests) is skipped by the INSERT itself (`OR IGNORE` / `ON CONFLICT DO NOTHING`); the result
   * holds the items that went in.
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
        // RETURNING names the rows that went in (skipped ones return nothing). The leading
        // comment matters on SQLite: TypeORM runs a statement that starts with "INSERT " through
        // sqlite3's run(), which drops the rows a RETURNING yields.
        const inserted = (await manager.query(
          `/* queue add */ INSERT ${this.postgres ? '' : 'OR IGNORE '}INTO "download_queue_items"
             ("id", "episode_id", "status", "priority", "position", "language",
              "target_path", "held", "upgrade", "category", "created_at", "updated_at")
           VALUES ${rows.join(', ')}${this.postgres ? ' ON CONFLICT DO NOTHING' : ''}
           RETURNING "id"`,
          values,
        )) as { id: string }[];
        for (const row of inserted) stored.add(row.id);
      }
      return entities.filter((e) => stored.has(e.id));
    });
  }

  async setHeld(ids: string[], held: boolean): Promise<void> {
    if (ids.length) await this.repo.update({ id: In(ids) }, { held });
  }

  async setCategory(ids: string[], category: string | null): Promise<void> {
    if (ids.length) await this.repo.update({ id: In(ids) }, { category });
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
   * Puts failed or cancelled items back in line, at the end, with a clean slate; `resetAttempts`
   * starts the attempts over. An episode that got a new open item meanwhile stays as it is (the
   * unique index says so); returns the ids that were reset.
   */
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

  async maxPosition(): Promise<number> {
    const row = await this.repo
      .createQueryBuilder('q')
      .select('MAX(q.position)', 'max')
      .getRawOne<{ max: string | number | null }>();
    return row?.max === null || row?.max === undefined ? 0 : Number(row.max);
  }
}
