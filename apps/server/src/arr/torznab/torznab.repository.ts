import { Inject, Injectable } from '@nestjs/common';
import { type DataSource, type Repository } from 'typeorm';
import type { SiteId } from '@aniworld/contracts';
import { DATA_SOURCE } from '../../database/database.service';
import { AvailabilityEntity } from './entities/availability.entity';
import { RecentReleaseEntity } from './entities/recent-release.entity';
import { SiteEpisodeEntity } from './entities/site-episode.entity';

/** The only code that touches arr_episodes, arr_availability and arr_recent. */
@Injectable()
export class TorznabRepository {
  private readonly episodes: Repository<SiteEpisodeEntity>;
  private readonly availability: Repository<AvailabilityEntity>;
  private readonly recent: Repository<RecentReleaseEntity>;

  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {
    this.episodes = dataSource.getRepository(SiteEpisodeEntity);
    this.availability = dataSource.getRepository(AvailabilityEntity);
    this.recent = dataSource.getRepository(RecentReleaseEntity);
  }

  episodesOf(site: SiteId, key: string): Promise<SiteEpisodeEntity[]> {
    return this.episodes.find({
      where: { site, key },
      order: { season: 'ASC', episode: 'ASC' },
    });
  }

  /** The series' episode list as the site shows it now, replacing the stored one. */
  async replaceEpisodes(
    site: SiteId,
    key: string,
    rows: readonly Omit<SiteEpisodeEntity, 'site' | 'key'>[],
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(SiteEpisodeEntity);
      await repo.delete({ site, key });
      for (let i = 0; i < rows.length; i += 200)
        await repo.insert(rows.slice(i, i + 200).map((r) => ({ ...r, site, key })));
    });
  }

  availabilityOf(site: SiteId, key: string): Promise<AvailabilityEntity[]> {
    return this.availability.findBy({ site, key });
  }

  /** Offered films (aniworld's season 0), most recently seen first. */
  availableFilms(offset: number, limit: number): Promise<[AvailabilityEntity[], number]> {
    return this.availability.findAndCount({
      where: { site: 'aniworld', season: 0, available: true },
      order: { checkedAt: 'DESC', key: 'ASC', episode: 'ASC', language: 'ASC' },
      skip: offset,
      take: limit,
    });
  }

  async saveAvailability(rows: readonly AvailabilityEntity[]): Promise<void> {
    if (rows.length === 0) return;
    await this.availability.upsert([...rows], ['site', 'key', 'season', 'episode', 'language']);
  }

  /** New rows only: a row seen again keeps the release time it was first stored with. */
  async addRecent(rows: readonly RecentReleaseEntity[]): Promise<void> {
    if (rows.length === 0) return;
    await this.recent
      .createQueryBuilder()
      .insert()
      .values([...rows])
      .orIgnore()
      .execute();
  }

  /** Newest first. */
  recentPage(offset: number, limit: number): Promise<[RecentReleaseEntity[], number]> {
    return this.recent.findAndCount({
      order: { releasedAt: 'DESC', key: 'ASC', language: 'ASC' },
      skip: offset,
      take: limit,
    });
  }
}
