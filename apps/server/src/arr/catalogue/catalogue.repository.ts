import { Inject, Injectable } from '@nestjs/common';
import { type DataSource, LessThan, type Repository } from 'typeorm';
import type { SiteId } from '@aniworld/contracts';
import { DATA_SOURCE } from '../../database/database.service';
import { CatalogueEntryEntity } from './entities/catalogue-entry.entity';

export type CatalogueListing = Pick<CatalogueEntryEntity, 'site' | 'key' | 'title' | 'altTitles'>;

/** The only code that touches arr_catalogue. */
@Injectable()
export class CatalogueRepository {
  private readonly repo: Repository<CatalogueEntryEntity>;

  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {
    this.repo = dataSource.getRepository(CatalogueEntryEntity);
  }

  all(): Promise<CatalogueEntryEntity[]> {
    return this.repo.find({ order: { site: 'ASC', key: 'ASC' } });
  }

  find(site: SiteId, key: string): Promise<CatalogueEntryEntity | null> {
    return this.repo.findOneBy({ site, key });
  }

  /**
   * Stores a site's whole A–Z list: listed series are inserted or renamed (their learned ids
   * kept), series the list no longer has are removed, in one transaction.
   */
  async replaceSite(site: SiteId, entries: readonly CatalogueListing[], at: Date): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(CatalogueEntryEntity);
      for (let i = 0; i < entries.length; i += 200) {
        await repo.upsert(
          entries.slice(i, i + 200).map((e) => ({ ...e, site, listedAt: at })),
          ['site', 'key'],
        );
      }
      await repo.delete({ site, listedAt: LessThan(at) });
    });
  }

  /** One series found outside the A–Z list (a site search); kept until the next full refresh. */
  async upsert(entry: CatalogueListing, at: Date): Promise<void> {
    await this.repo.upsert({ ...entry, listedAt: at }, ['site', 'key']);
  }

  async update(
    site: SiteId,
    key: string,
    patch: Partial<Pick<CatalogueEntryEntity, 'imdbId' | 'tvdbId' | 'episodesCheckedAt'>>,
  ): Promise<void> {
    await this.repo.update({ site, key }, patch);
  }
}
