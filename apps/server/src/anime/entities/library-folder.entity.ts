import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * What the scanner saw in one folder of the anime directory last time, so an unchanged folder
 * is not read again (incremental scans), and which series it belongs to.
 */
@Entity({ name: 'library_folders' })
export class LibraryFolderEntity {
  @PrimaryColumn({ type: 'varchar', length: 500 })
  folder!: string;

  /**
   * Hash of what the scan read out of the folder: its entries' relative paths and kinds, and the
   * legacy files' contents (folder-reader.ts).
   */
  @Column({ type: 'varchar', length: 64 })
  signature!: string;

  /**
   * Hash of the folder's and its season folders' identity, times and entry lists (and the legacy
   * files' sizes and times), taken before the files were read: equal on the next scan means the
   * folder need not be read. Null: read the files next time (never taken, or taken while the
   * folder was changing; see folder-reader.ts).
   */
  @Column({ type: 'varchar', length: 64, nullable: true })
  fingerprint!: string | null;

  @Column({ name: 'series_id', type: 'integer', nullable: true })
  seriesId!: number | null;

  /** Episode files found, as `[season, episode, relative path]`. */
  @Column({ type: 'simple-json', default: '[]' })
  files!: [number, number, string][];

  @UpdateDateColumn({ name: 'scanned_at' })
  scannedAt!: Date;
}
