import { Inject, Injectable } from '@nestjs/common';
import { type DataSource, In, IsNull, type Repository } from 'typeorm';
import { type AnimeSortField, type LanguageCode, type SiteId } from '@aniworld/contracts';
import { DATA_SOURCE } from '../database/database.service';
import { AnimeSeriesEntity } from './entities/anime-series.entity';
import { EpisodeEntity } from './entities/episode.entity';
import { missingEpisodeSql, SeriesCountsRepository } from './series-counts.repository';

export interface SeriesListFilter {
  q?: string;
  site?: SiteId;
  missingOnly: boolean;
  /** The global language preference; a series' own override wins (see `effectiveLanguages`). */
  preference: readonly LanguageCode[];
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
  missing: number;
}

export type NewSeries = Pick<AnimeSeriesEntity, 'key' | 'name' | 'site'> &
  Partial<
    Pick<AnimeSeriesEntity, 'folder' | 'year' | 'coverUrl' | 'description' | 'altTitles' | 'imdbId'>
  >;

@Injectable()
export class SeriesRepository {
  private readonly repo: Repository<AnimeSeriesEntity>;

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly counts: SeriesCountsRepository,
  ) {
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

  /** Ids and folders of every live series, for the scanner's one read at its start. */
  folderOwners(): Promise<Pick<AnimeSeriesEntity, 'id' | 'folder'>[]> {
    return this.repo.find({ select: ['id', 'folder'] });
  }

  /** Live series with these keys (any number of keys). */
  async findByKeys(keys: readonly string[]): Promise<AnimeSeriesEntity[]> {
    const out: AnimeSeriesEntity[] = [];
    for (let i = 0; i < keys.length; i += 500)
      out.push(...(await this.repo.findBy({ key: In(keys.slice(i, i + 500)) })));
    return out;
  }

  findMonitored(): Promise<AnimeSeriesEntity[]> {
    return this.repo.find({ where: { monitored: true }, order: { name: 'ASC' } });
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
    if ('languagePreference' in changes) await this.counts.refresh([id]);
  }

  async softDelete(id: number): Promise<void> {
    await this.repo.softDelete({ id });
  }

  /**
   * One page of series with their episode counts, filtered and sorted in SQL over one row per
   * series: the counts are columns kept on write ({@link SeriesCountsRepository}), made to follow
   * `filter.preference` first, and every sort has an index (`ix_anime_series_*`).
   */
  async list(filter: SeriesListFilter): Promise<{ rows: SeriesWithCounts[]; total: number }> {
    await this.counts.ensurePreference(filter.preference);
    const query = this.repo.createQueryBuilder('s').where('s.deleted_at IS NULL');
    if (filter.q) {
      query.andWhere(
        // ESCAPE spelled out: SQLite has no default escape character, PostgreSQL's is the same backslash.
        "(LOWER(s.name) LIKE :q ESCAPE '\\' OR LOWER(s.key) LIKE :q ESCAPE '\\' OR LOWER(s.alt_titles) LIKE :q ESCAPE '\\' OR LOWER(s.folder) LIKE :q ESCAPE '\\')",
        {
          q: `%${filter.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
        },
      );
    }
    if (filter.site) query.andWhere('s.site = :site', { site: filter.site });
    if (filter.missingOnly) query.andWhere('s.missing_count > 0');
    const direction = filter.order === 'desc' ? 'DESC' : 'ASC';
    const sortColumn = {
      name: 'LOWER(s.name)',
      year: 's.year',
      updated: 's.updated_at',
      missing: 's.missing_count',
    }[filter.sort];
    query.orderBy(sortColumn, direction).addOrderBy('s.id', 'ASC');
    const [count, series] = await Promise.all([
      // COUNT(*) over the filtered rows; getCount() would count DISTINCT ids.
      query.clone().select('COUNT(*)', 'n').orderBy().getRawOne<{ n: string | number }>(),
      query.offset(filter.offset).limit(filter.limit).getMany(),
    ]);
    const total = Number(count?.n ?? 0);
    return {
      total,
      rows: series.map((s) => ({
        series: s,
        total: s.episodeCount,
        downloaded: s.downloadedCount,
        missing: s.missingCount,
      })),
    };
  }

  /**
   * The missing episodes (season, number) of the given series under `preference`, by the rule
   * of the counts: only those rows are read, not the series' every episode.
   */
  async missingSlots(
    ids: readonly number[],
    preference: readonly LanguageCode[],
  ): Promise<Map<number, { season: number; episode: number }[]>> {
    const out = new Map<number, { season: number; episode: number }[]>(ids.map((id) => [id, []]));
    if (ids.length === 0) return out;
    const missing = missingEpisodeSql('e', 'ps', preference);
    const rows = await this.dataSource
      .createQueryBuilder()
      .select('e.series_id', 'series_id')
      .addSelect('e.season', 'season')
      .addSelect('e.episode_number', 'episode')
      .from(EpisodeEntity, 'e')
      .innerJoin(AnimeSeriesEntity, 'ps', 'ps.id = e.series_id')
      .where('e.series_id IN (:...ids)', { ids })
      .andWhere(`${missing.sql} = 1`)
      .setParameters(missing.parameters)
      .orderBy('e.series_id')
      .addOrderBy('e.season')
      .addOrderBy('e.episode_number')
      .getRawMany<{ series_id: number; season: number; episode: number }>();
    for (const row of rows)
      out
        .get(Number(row.series_id))
        ?.push({ season: Number(row.season), episode: Number(row.episode) });
    return out;
  }

  /** Missing episodes across the library (series not deleted), by the rule of {@link list}. */
  async missingEpisodeCount(preference: readonly LanguageCode[]): Promise<number> {
    await this.counts.ensurePreference(preference);
    const row = await this.repo
      .createQueryBuilder('s')
      .select('COALESCE(SUM(s.missing_count), 0)', 'missing')
      .where('s.deleted_at IS NULL')
      .getRawOne<{ missing: string | number }>();
    return Number(row?.missing ?? 0);
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
