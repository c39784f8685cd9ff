import { Inject, Injectable } from '@nestjs/common';
import { type DataSource, type Repository } from 'typeorm';
import type { SiteId } from '@aniworld/contracts';
import { DATA_SOURCE } from '../../database/database.service';
import { AvailabilityEntity } from './entities/availability.entity';
import { SiteEpisodeEntity } from './entities/site-episode.entity';

/** The only code that touches arr_episodes and arr_availability. */
@Injectable()
export class TorznabRepository {
  private readonly episodes: Repository<SiteEpisodeEntity>;
  private readonly availability: Repository<AvailabilityEntity>;

  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {
    this.episodes = dataSource.getRepository(SiteEpisodeEntity);
    this.availability = dataSource.getRepository(AvailabilityEntity);
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
}
