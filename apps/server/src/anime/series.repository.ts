import { Inject, Injectable } from '@nestjs/common';
import { type DataSource, IsNull, type Repository } from 'typeorm';
import {
  type AnimeSortField,
  LANGUAGE_CODES,
  type LanguageCode,
  type SiteId,
} from '@aniworld/contracts';
import { DATA_SOURCE } from '../database/database.service';
import { AnimeSeriesEntity } from './entities/anime-series.entity';
import { EpisodeEntity } from './entities/episode.entity';

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
  }

  async softDelete(id: number): Promise<void> {
    await this.repo.softDelete({ id });
  }

  /**
   * One page of series with episode counts, filtered and sorted in SQL. "Missing" is the rule of
   * `isMissing`, evaluated per episode by {@link missingEpisodeSql}, so `missing_only`, `total` and
   * the `missing` sort agree with the counts the API shows.
   */
  async list(filter: SeriesListFilter): Promise<{ rows: SeriesWithCounts[]; total: number }> {
    const missing = missingEpisodeSql('e', 'ps', filter.preference);
    const query = this.repo
      .createQueryBuilder('s')
      .leftJoin(
        (sub) =>
          sub
            .select('e.series_id', 'series_id')
            .addSelect('COUNT(*)', 'total')
            .addSelect('SUM(CASE WHEN e.is_downloaded THEN 1 ELSE 0 END)', 'downloaded')
            .addSelect(`SUM(${missing.sql})`, 'missing')
            .from(EpisodeEntity, 'e')
            .innerJoin(AnimeSeriesEntity, 'ps', 'ps.id = e.series_id')
            .groupBy('e.series_id')
            .setParameters(missing.parameters),
        'c',
        'c.series_id = s.id',
      )
      .addSelect('COALESCE(c.total, 0)', 'c_total')
      .addSelect('COALESCE(c.downloaded, 0)', 'c_downloaded')
      .addSelect('COALESCE(c.missing, 0)', 'c_missing')
      .where('s.deleted_at IS NULL');
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
    if (filter.missingOnly) query.andWhere('COALESCE(c.missing, 0) > 0');
    const direction = filter.order === 'desc' ? 'DESC' : 'ASC';
    const sortColumn = {
      name: 'LOWER(s.name)',
      year: 's.year',
      updated: 's.updated_at',
      missing: 'COALESCE(c.missing, 0)',
    }[filter.sort];
    query.orderBy(sortColumn, direction).addOrderBy('s.id', 'ASC');
    const total = await query.getCount();
    const { entities, raw } = await query
      .offset(filter.offset)
      .limit(filter.limit)
      .getRawAndEntities<{
        c_total: string | number;
        c_downloaded: string | number;
        c_missing: string | number;
      }>();
    return {
      total,
      rows: entities.map((series, i) => ({
        series,
        total: Number(raw[i].c_total),
        downloaded: Number(raw[i].c_downloaded),
        missing: Number(raw[i].c_missing),
      })),
    };
  }

  /** Missing episodes across the library (series not deleted), by the rule of {@link list}. */
  async missingEpisodeCount(preference: readonly LanguageCode[]): Promise<number> {
    const missing = missingEpisodeSql('e', 'ps', preference);
    const row = await this.dataSource
      .createQueryBuilder()
      .select(`COALESCE(SUM(${missing.sql}), 0)`, 'missing')
      .from(EpisodeEntity, 'e')
      .innerJoin(AnimeSeriesEntity, 'ps', 'ps.id = e.series_id')
      .where('ps.deleted_at IS NULL')
      .setParameters(missing.parameters)
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

/**
 * `isMissing` with `effectiveLanguages` as an SQL expression (1 when the episode is missing, else
 * 0) over an episode alias and its series alias.
 *
 * Why SQL over the stored text rather than a stored per-episode "missing" flag: a flag would have
 * to be rewritten for every episode whenever the global preference changes (PUT /api/config, a
 * restored backup, an edited config.json), for a series on PATCH, and on every language or
 * download change — one missed path and the list lies again. Reading the columns that the counts
 * come from cannot drift. It needs no JSON functions either, so it is the same SQL on SQLite and
 * PostgreSQL: `languages` and `language_preference` are `simple-json` text written by
 * `JSON.stringify` — `[]`, or an array of the four fixed codes, each appearing as `"code"`, which
 * no other code contains — so "has code X" is `LIKE '%"X"%'` (the codes hold no `%` or `_`).
 * Whether X is wanted for a series is decided per row: in its override, or — override NULL or
 * `[]` — in the global preference, which is known here and folded into the expression.
 */
function missingEpisodeSql(
  episode: string,
  series: string,
  preference: readonly LanguageCode[],
): { sql: string; parameters: Record<string, string> } {
  const usesGlobal = `(${series}.language_preference IS NULL OR ${series}.language_preference = '[]')`;
  const parameters: Record<string, string> = {};
  const offered = LANGUAGE_CODES.map((code, i) => {
    const name = `missing_lang_${i}`;
    parameters[name] = `%${JSON.stringify(code)}%`;
    const wanted = preference.includes(code)
      ? `(${usesGlobal} OR ${series}.language_preference LIKE :${name})`
      : `${series}.language_preference LIKE :${name}`;
    return `(${episode}.languages LIKE :${name} AND ${wanted})`;
  });
  const sql =
    `(CASE WHEN ${episode}.is_downloaded THEN 0` +
    ` WHEN ${episode}.languages = '[]' THEN 1` +
    ` WHEN ${offered.join(' OR ')} THEN 1 ELSE 0 END)`;
  return { sql, parameters };
}
