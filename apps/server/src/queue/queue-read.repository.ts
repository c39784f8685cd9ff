import { Inject, Injectable } from '@nestjs/common';
import { type DataSource, In, type Repository } from 'typeorm';
import { OPEN_QUEUE_STATUSES, type QueueItemStatus, type QueueList } from '@aniworld/contracts';
import { DATA_SOURCE } from '../database/database.service';
import { DownloadQueueItemEntity } from './entities/download-queue-item.entity';

/** Ids per `IN (…)` list, well below both databases' parameter limits. */
const IN_CHUNK = 500;

/**
 * Reads of `download_queue_items`: single items, lists in queue order, pages, and which episodes
 * are open. Rows come without their episodes: those are the anime module's (see `QueueEntries`).
 */
@Injectable()
export class QueueReadRepository {
  private readonly repo: Repository<DownloadQueueItemEntity>;

  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {
    this.repo = dataSource.getRepository(DownloadQueueItemEntity);
  }

  /**
   * The open (pending, downloading) and failed items of these episodes: where each stands in the
   * queue, for the series page.
   */
  async statesOfEpisodes(
    episodeIds: readonly number[],
  ): Promise<{ episodeId: number; status: DownloadQueueItemEntity['status'] }[]> {
    return (await this.ofEpisodes(episodeIds, [...OPEN_QUEUE_STATUSES, 'failed'])).map(
      ({ episodeId, status }) => ({ episodeId, status }),
    );
  }

  /** The pending and downloading items of these episodes (at most one each). */
  async openOfEpisodes(
    episodeIds: readonly number[],
  ): Promise<{ id: string; episodeId: number }[]> {
    return (await this.ofEpisodes(episodeIds, OPEN_QUEUE_STATUSES)).map(({ id, episodeId }) => ({
      id,
      episodeId,
    }));
  }

  /**
   * Items of these episodes in these states, raw: the ids are written into the statement as
   * numbers (a queue add asks for 500 at once, and TypeORM's `In()` made a named parameter of
   * each, looked up by a regular expression over the whole statement).
   */
  private async ofEpisodes(
    episodeIds: readonly number[],
    statuses: readonly QueueItemStatus[],
  ): Promise<{ id: string; episodeId: number; status: QueueItemStatus }[]> {
    const out: { id: string; episodeId: number; status: QueueItemStatus }[] = [];
    const states = statuses.map((status) => `'${status}'`).join(', ');
    for (let i = 0; i < episodeIds.length; i += IN_CHUNK) {
      const ids = episodeIds.slice(i, i + IN_CHUNK).map((id) => Number(id));
      const rows = (await this.dataSource.query(
        `SELECT "id", "episode_id", "status" FROM "download_queue_items"
         WHERE "episode_id" IN (${ids.join(', ')}) AND "status" IN (${states})`,
      )) as { id: string; episode_id: number; status: QueueItemStatus }[];
      for (const row of rows)
        out.push({ id: row.id, episodeId: Number(row.episode_id), status: row.status });
    }
    return out;
  }

  findById(id: string): Promise<DownloadQueueItemEntity | null> {
    return this.repo.findOneBy({ id });
  }

  findByIds(ids: string[]): Promise<DownloadQueueItemEntity[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.repo.findBy({ id: In(ids) });
  }

  /** Items in these states, in queue order (priority, then position). */
  listByStatus(statuses: QueueItemStatus[], limit?: number): Promise<DownloadQueueItemEntity[]> {
    return this.repo.find({
      where: { status: In(statuses) },
      order: { priority: 'ASC', position: 'ASC', createdAt: 'ASC', id: 'ASC' },
      ...(limit ? { take: limit } : {}),
    });
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
   * (`ix_queue_pending_order`, `ix_queue_finished`): the ids from the index alone, then only
   * those rows.
   */
  async page(list: QueueList, offset: number, limit: number): Promise<DownloadQueueItemEntity[]> {
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

  failedItems(): Promise<{ id: string; attempts: number }[]> {
    return this.repo.find({ select: { id: true, attempts: true }, where: { status: 'failed' } });
  }
}
