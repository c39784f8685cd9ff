import { Inject, Injectable } from '@nestjs/common';
import { type DataSource, In, type Repository } from 'typeorm';
import { DATA_SOURCE } from '../../database/database.service';
import { ArrCategoryEntity } from './entities/arr-category.entity';
import { ArrTorrentEntity } from './entities/arr-torrent.entity';

export type NewTorrent = Omit<ArrTorrentEntity, 'addedAt'>;

/** The only code that touches arr_torrents and arr_categories. */
@Injectable()
export class ArrTorrentRepository {
  private readonly torrents: Repository<ArrTorrentEntity>;
  private readonly categories: Repository<ArrCategoryEntity>;

  constructor(@Inject(DATA_SOURCE) dataSource: DataSource) {
    this.torrents = dataSource.getRepository(ArrTorrentEntity);
    this.categories = dataSource.getRepository(ArrCategoryEntity);
  }

  /** Inserts unless the hash exists; returns whether it was inserted. */
  async insert(torrent: NewTorrent): Promise<boolean> {
    if (await this.torrents.existsBy({ hash: torrent.hash })) return false;
    try {
      await this.torrents.insert(torrent);
      return true;
    } catch (error) {
      // Two adds of one hash at once: the primary key decides.
      if (await this.torrents.existsBy({ hash: torrent.hash })) return false;
      throw error;
    }
  }

  find(hash: string): Promise<ArrTorrentEntity | null> {
    return this.torrents.findOneBy({ hash });
  }

  /** Every torrent, or those of a category (`''` = uncategorised), or these hashes. */
  list(filter: { category?: string; hashes?: string[] } = {}): Promise<ArrTorrentEntity[]> {
    const where: Record<string, unknown> = {};
    if (filter.category !== undefined) where['category'] = filter.category;
    if (filter.hashes) where['hash'] = In(filter.hashes);
    return this.torrents.find({ where, order: { addedAt: 'ASC', hash: 'ASC' } });
  }

  async update(
    hashes: string[],
    fields: Partial<Pick<ArrTorrentEntity, 'category' | 'tags' | 'forceStart' | 'queueItemId'>>,
  ): Promise<void> {
    if (hashes.length) await this.torrents.update({ hash: In(hashes) }, fields);
  }

  async delete(hashes: string[]): Promise<void> {
    if (hashes.length) await this.torrents.delete({ hash: In(hashes) });
  }

  listCategories(): Promise<ArrCategoryEntity[]> {
    return this.categories.find({ order: { name: 'ASC' } });
  }

  findCategory(name: string): Promise<ArrCategoryEntity | null> {
    return this.categories.findOneBy({ name });
  }

  /** Creates or changes a category (idempotent). */
  async saveCategory(name: string, savePath: string | null): Promise<void> {
    await this.categories
      .createQueryBuilder()
      .insert()
      .values({ name, savePath })
      .orUpdate(['save_path'], ['name'])
      .execute();
  }

  /** Removes categories; their torrents become uncategorised (as in qBittorrent). */
  async removeCategories(names: string[]): Promise<void> {
    if (!names.length) return;
    await this.categories.delete({ name: In(names) });
    await this.torrents.update({ category: In(names) }, { category: '' });
  }
}
