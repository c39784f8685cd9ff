import { Inject, Injectable } from '@nestjs/common';
import { type DataSource, In, type Repository } from 'typeorm';
import type { QueueItemStatus, QueueList } from '@aniworld/contracts';
import { DATA_SOURCE } from '../database/database.service';
import { DownloadQueueItemEntity } from './entities/download-queue-item.entity';

/** Reads of `download_queue_items`: single items, lists in queue order, and pages. */
@Injectable()
export class QueueReadRepository {
  private readonly repo: Repository<DownloadQueueItemEntity>;

  constructor(@Inject(DATA_SOURCE) dataSource: DataSource) {
    this.repo = dataSource.getRepository(DownloadQueueItemEntity);
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

  failedItems(): Promise<{ id: string; attempts: number }[]> {
    return this.repo.find({ select: { id: true, attempts: true }, where: { status: 'failed' } });
  }

  private withRelations() {
    return this.repo
      .createQueryBuilder('q')
      .leftJoinAndSelect('q.episode', 'e')
      .leftJoinAndSelect('e.series', 's')
      .withDeleted();
  }
}
