import { Inject, Injectable } from '@nestjs/common';
import { Between, type DataSource, In, LessThan, Not, type Repository } from 'typeorm';
import { DATA_SOURCE } from '../database/database.service';
import { releasedAt } from './calendar-rules';
import { EpisodeReleaseEntity } from './entities/episode-release.entity';

/** A release as read from a site, before it is stored. */
export type ReleaseRow = Omit<EpisodeReleaseEntity, 'firstSeenAt' | 'releasedAt'>;

const IN_CHUNK = 500;

@Injectable()
export class EpisodeReleaseRepository {
  private readonly repo: Repository<EpisodeReleaseEntity>;

  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {
    this.repo = dataSource.getRepository(EpisodeReleaseEntity);
  }

  /**
   * Stores what a check read: new rows, and changed days or times of known ones. A released row
   * stays released (a calendar that still lists the episode does not make it "announced" again).
   * One transaction; the rows of a check are a few hundred at most.
   */
  async record(rows: readonly ReleaseRow[], now: number): Promise<number> {
    if (rows.length === 0) return 0;
    return this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(EpisodeReleaseEntity);
      const keys = [...new Set(rows.map((r) => r.key))];
      const known = new Map<string, EpisodeReleaseEntity>();
      for (let i = 0; i < keys.length; i += IN_CHUNK) {
        for (const row of await repo.findBy({ key: In(keys.slice(i, i + IN_CHUNK)) }))
          known.set(identity(row), row);
      }
      const changed: EpisodeReleaseEntity[] = [];
      for (const row of rows) {
        const old = known.get(identity(row));
        if (old?.release === 'released' && row.release === 'announced') continue;
        if (
          old &&
          old.release === row.release &&
          old.airDate === row.airDate &&
          old.airTime === row.airTime &&
          (row.seriesTitle === null || old.seriesTitle === row.seriesTitle)
        )
          continue;
        const released =
          row.release === 'released' ? (old?.releasedAt ?? releasedAt(row.airDate, now)) : null;
        const next = repo.create({
          ...row,
          seriesTitle: row.seriesTitle ?? old?.seriesTitle ?? null,
          firstSeenAt: old?.firstSeenAt ?? now,
          releasedAt: released,
        });
        known.set(identity(row), next);
        changed.push(next);
      }
      if (changed.length) await repo.save(changed, { chunk: 100 });
      return changed.length;
    });
  }

  /** Series keys with a row between the two days (inclusive). */
  async keysBetween(from: string, to: string): Promise<string[]> {
    const rows = await this.repo
      .createQueryBuilder('r')
      .select('DISTINCT r.key', 'key')
      .where('r.air_date BETWEEN :from AND :to', { from, to })
      .getRawMany<{ key: string }>();
    return rows.map((r) => r.key);
  }

  /** The rows of these series between the two days (inclusive). */
  async between(
    from: string,
    to: string,
    keys: readonly string[],
  ): Promise<EpisodeReleaseEntity[]> {
    const out: EpisodeReleaseEntity[] = [];
    for (let i = 0; i < keys.length; i += IN_CHUNK) {
      out.push(
        ...(await this.repo.findBy({
          airDate: Between(from, to),
          key: In(keys.slice(i, i + IN_CHUNK)),
        })),
      );
    }
    return out;
  }

  /** Released rows that name a language, newest first (the Torznab RSS feed). */
  releasedPage(offset: number, limit: number): Promise<[EpisodeReleaseEntity[], number]> {
    return this.repo.findAndCount({
      where: { release: 'released', language: Not('') },
      order: { releasedAt: 'DESC', key: 'ASC', language: 'ASC' },
      skip: offset,
      take: limit,
    });
  }

  /** Drops rows whose day is before `day`; returns how many. */
  async deleteBefore(day: string): Promise<number> {
    const result = await this.repo.delete({ airDate: LessThan(day) });
    return result.affected ?? 0;
  }
}

function identity(r: ReleaseRow): string {
  return `${r.site}\u0000${r.key}\u0000${r.season}\u0000${r.episode}\u0000${r.language}`;
}
