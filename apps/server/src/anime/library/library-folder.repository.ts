import { Inject, Injectable } from '@nestjs/common';
import { type DataSource, In, Not, type Repository } from 'typeorm';
import { DATA_SOURCE } from '../../database/database.service';
import { LibraryFolderEntity } from '../entities/library-folder.entity';

/** What a scan compares a folder with (the files list left out: it is not needed for that). */
export type KnownFolder = Pick<
  LibraryFolderEntity,
  'folder' | 'signature' | 'fingerprint' | 'seriesId'
>;

@Injectable()
export class LibraryFolderRepository {
  private readonly repo: Repository<LibraryFolderEntity>;

  constructor(@Inject(DATA_SOURCE) dataSource: DataSource) {
    this.repo = dataSource.getRepository(LibraryFolderEntity);
  }

  get(folder: string): Promise<LibraryFolderEntity | null> {
    return this.repo.findOneBy({ folder });
  }

  /** Every folder the last scans saw, in one read. */
  all(): Promise<KnownFolder[]> {
    return this.repo.find({ select: ['folder', 'signature', 'fingerprint', 'seriesId'] });
  }

  async setFingerprint(folder: string, fingerprint: string | null): Promise<void> {
    await this.repo.update({ folder }, { fingerprint });
  }

  /** One statement (an upsert), not a read and a write in a transaction. */
  async save(row: Omit<LibraryFolderEntity, 'scannedAt'>): Promise<void> {
    await this.repo.upsert(row, ['folder']);
  }

  /** Folders that no longer exist on disk; returns the rows removed. */
  async removeAllExcept(folders: string[]): Promise<LibraryFolderEntity[]> {
    const gone = await this.repo.find({
      where: folders.length ? { folder: Not(In(folders)) } : {},
    });
    if (gone.length) await this.repo.remove(gone);
    return gone;
  }

  async forgetSeries(seriesId: number): Promise<void> {
    await this.repo.update({ seriesId }, { seriesId: null, signature: '', fingerprint: null });
  }
}
