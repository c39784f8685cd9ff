import { Inject, Injectable } from '@nestjs/common';
import { type DataSource, type EntityManager, In, Not, type Repository } from 'typeorm';
import { DATA_SOURCE } from '../../database/database.service';
import { SqlParams } from '../../database/sql-values';
import { LibraryFolderEntity } from '../entities/library-folder.entity';

/** What a scan compares a folder with (the files list left out: it is not needed for that). */
export type KnownFolder = Pick<
  LibraryFolderEntity,
  'folder' | 'signature' | 'fingerprint' | 'seriesId'
>;

@Injectable()
export class LibraryFolderRepository {
  private readonly repo: Repository<LibraryFolderEntity>;
  private readonly postgres: boolean;

  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {
    this.repo = dataSource.getRepository(LibraryFolderEntity);
    this.postgres = dataSource.options.type === 'postgres';
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

  /** One folder's row, in one statement (an upsert); see {@link saveMany}. */
  async save(row: Omit<LibraryFolderEntity, 'scannedAt'>): Promise<void> {
    await this.saveMany([row]);
  }

  /**
   * Upserts folder rows, 200 per statement; raw, so nothing is read back. `manager`: inside the
   * caller's transaction (the scanner writes a batch's episodes and folder rows in one commit).
   */
  async saveMany(
    rows: readonly Omit<LibraryFolderEntity, 'scannedAt'>[],
    manager?: EntityManager,
  ): Promise<void> {
    for (let i = 0; i < rows.length; i += 200) {
      const params = new SqlParams(this.postgres);
      const values = rows
        .slice(i, i + 200)
        .map(
          (row) =>
            `(${params.list([row.folder, row.signature, row.fingerprint, row.seriesId, JSON.stringify(row.files)])}, CURRENT_TIMESTAMP)`,
        );
      await (manager ?? this.dataSource.manager).query(
        `INSERT INTO "library_folders"
           ("folder", "signature", "fingerprint", "series_id", "files", "scanned_at")
         VALUES ${values.join(', ')}
         ON CONFLICT ("folder") DO UPDATE SET "signature" = excluded."signature",
           "fingerprint" = excluded."fingerprint", "series_id" = excluded."series_id",
           "files" = excluded."files", "scanned_at" = CURRENT_TIMESTAMP`,
        params.values,
      );
    }
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
