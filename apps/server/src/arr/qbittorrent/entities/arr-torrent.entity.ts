import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { LanguageCode, SiteId } from '@aniworld/contracts';
import type { ReleaseMode } from '@aniworld/release';

/**
 * A torrent as Sonarr sees it: the release it stands for (its identity, from which the hash is
 * derived), where its file goes, and the queue item that downloads it. When that item is gone
 * (removed on the queue page, or cleared once completed) the file on disk says what state the
 * torrent is in.
 */
@Entity({ name: 'arr_torrents' })
@Index('ix_arr_torrents_category', ['category'])
export class ArrTorrentEntity {
  /** Lower-case v1 info hash (40 hex). */
  @PrimaryColumn({ type: 'varchar', length: 40 })
  hash!: string;

  /** The release title; the file is `<name>.<ext>`. */
  @Column({ type: 'varchar', length: 1000 })
  name!: string;

  @Column({ type: 'varchar', length: 32 })
  site!: SiteId;

  @Column({ name: 'series_key', type: 'varchar', length: 255 })
  seriesKey!: string;

  @Column({ type: 'integer' })
  season!: number;

  @Column({ type: 'integer' })
  episode!: number;

  @Column({ type: 'varchar', length: 16 })
  language!: LanguageCode;

  @Column({ type: 'varchar', length: 16 })
  mode!: ReleaseMode;

  @Column({ type: 'varchar', length: 255, default: '' })
  category!: string;

  @Column({ type: 'simple-json', default: '[]' })
  tags!: string[];

  @Column({ name: 'save_path', type: 'varchar', length: 2000 })
  savePath!: string;

  @Column({ name: 'content_path', type: 'varchar', length: 2000 })
  contentPath!: string;

  /**
   * The queue item that downloads it. No foreign key on purpose: the queue owns its table and
   * removes or clears items on its own; an id that no longer resolves means "no queue item".
   */
  @Column({ name: 'queue_item_id', type: 'varchar', length: 36, nullable: true })
  queueItemId!: string | null;

  @Column({ name: 'force_start', type: 'boolean', default: false })
  forceStart!: boolean;

  @CreateDateColumn({ name: 'added_at' })
  addedAt!: Date;
}
