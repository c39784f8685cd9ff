import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * What the scanner saw in one folder of the anime directory last time, so an unchanged folder
 * is not read again (incremental scans), and which series it belongs to.
 */
@Entity({ name: 'library_folders' })
export class LibraryFolderEntity {
  @PrimaryColumn({ type: 'varchar', length: 500 })
  folder!: string;

  /** Hash of the folder's tree listing (names, sizes, modification times). */
  @Column({ type: 'varchar', length: 64 })
  signature!: string;

  @Column({ name: 'series_id', type: 'integer', nullable: true })
  seriesId!: number | null;

  /** Episode files found, as `[season, episode, relative path]`. */
  @Column({ type: 'simple-json', default: '[]' })
  files!: [number, number, string][];

  @UpdateDateColumn({ name: 'scanned_at' })
  scannedAt!: Date;
}
