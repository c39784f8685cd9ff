import { Inject, Injectable } from '@nestjs/common';
import { type DataSource, type EntityManager, IsNull, type Repository } from 'typeorm';
import type { AnimeSortField, SiteId } from '@aniworld/contracts';
import { DATA_SOURCE } from '../database/database.service';
import { AnimeSeriesEntity } from './entities/anime-series.entity';
import { EpisodeEntity } from './entities/episode.entity';

export interface SeriesListFilter {
  q?: string;
  site?: SiteId;
  missingOnly: boolean;
  sort: AnimeSortField;
  order: 'asc' | 'desc';
  offset: number;
  limit: number;
}

/** A series with its episode counts, as the list needs them. */
export interface SeriesWithCounts {
  series: AnimeSeriesEntity;
  total: number;
  downloaded: number;
}

export type NewSeries = Pick<AnimeSeriesEntity, 'key' | 'name' | 'site'> &
  Partial<Pick<AnimeSeriesEntity, 'folder' | 'year' | 'coverUrl' | 'description' | 'altTitles'>>;

@Injectable()
export class SeriesRepository {
  private readonly repo: Repository<AnimeSeriesEntity>;

  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {
    this.repo = dataSource.getRepository(AnimeSeriesEntity);
  }

  findByKey(key: string): Promise<AnimeSeriesEntity | null> {
    return this.repo.findOneBy({ key });
  }

  findByFolder(folder: string): Promise<AnimeSeriesEntity | null> {
    return this.repo.findOneBy({ folder });
  }

  findById(id: number): Promise<AnimeSeriesEntity | null> {
    return this.repo.findOneBy({ id });
  }

  findAll(): Promise<AnimeSeriesEntity[]> {
    return this.repo.find({ order: { name: 'ASC' } });
  }

  /**
   * Creates the series, or brings back a soft-deleted one with the same key (the key is unique
   * even across deleted rows).
   */
  async upsert(data: NewSeries): Promise<AnimeSeriesEntity> {
    const existing = await this.repo.findOne({ where: { key: data.key }, withDeleted: true });
    if (existing) {
      Object.assign(existing, stripUndefined(data), { deletedAt: null });
      return this.repo.save(existing);
    }
    return this.repo.save(this.repo.create({ altTitles: [], ...stripUndefined(data) }));
  }

  async update(id: number, changes: Partial<AnimeSeriesEntity>): Promise<void> {
    await this.repo.update({ id }, changes);
  }

  async softDelete(id: number): Promise<void> {
    await this.repo.softDelete({ id });
  }

  /** One page of series with episode counts, filtered and sorted in SQL. */
  async list(filter: SeriesListFilter): Promise<{ rows: SeriesWithCounts[]; total: number }> {
    const query = this.repo
      .createQueryBuilder('s')
      .leftJoin(
        (sub) =>
          sub
            .select('e.series_id', 'series_id')
            .addSelect('COUNT(*)', 'total')
            .addSelect('SUM(CASE WHEN e.is_downloaded THEN 1 ELSE 0 END)', 'downloaded')
            .from(EpisodeEntity, 'e')
            .groupBy('e.series_id'),
        'c',
        'c.series_id = s.id',
      )
      .addSelect('COALESCE(c.total, 0)', 'c_total')
      .addSelect('COALESCE(c.downloaded, 0)', 'c_downloaded')
      .where('s.deleted_at IS NULL');
    if (filter.q) {
      query.andWhere(
        '(LOWER(s.name) LIKE :q OR LOWER(s.key) LIKE :q OR LOWER(s.alt_titles) LIKE :q OR LOWER(s.folder) LIKE :q)',
        {
          q: `%${filter.q.toLowerCase().replace(/[%_]/g, (c) => `\\${c}`)}%`,
        },
      );
    }
    if (filter.site) query.andWhere('s.site = :site', { site: filter.site });
    if (filter.missingOnly) query.andWhere('COALESCE(c.total, 0) - COALESCE(c.downloaded, 0) > 0');
    const direction = filter.order === 'desc' ? 'DESC' : 'ASC';
    const sortColumn = {
      name: 'LOWER(s.name)',
      year: 's.year',
      updated: 's.updated_at',
      missing: 'COALESCE(c.total, 0) - COALESCE(c.downloaded, 0)',
    }[filter.sort];
    query.orderBy(sortColumn, direction).addOrderBy('s.id', 'ASC');
    const total = await query.getCount();
    const { entities, raw } = await query
      .offset(filter.offset)
      .limit(filter.limit)
      .getRawAndEntities<{ c_total: string | number; c_downloaded: string | number }>();
    return {
      total,
      rows: entities.map((series, i) => ({
        series,
        total: Number(raw[i].c_total),
        downloaded: Number(raw[i].c_downloaded),
      })),
    };
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Series rows for the given ids, deleted ones excluded. */
  findByIds(ids: number[]): Promise<AnimeSeriesEntity[]> {
    return ids.length
      ? this.repo
          .createQueryBuilder('s')
          .whereInIds(ids)
          .andWhere({ deletedAt: IsNull() })
          .getMany()
      : Promise.resolve([]);
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
