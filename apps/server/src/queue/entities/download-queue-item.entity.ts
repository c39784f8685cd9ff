import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { HosterAttempt, LanguageCode, QueueItemStatus } from '@aniworld/contracts';
import { bigintToNumber } from '../../database/transformers';

/** Sorts before the others: HIGH = 0, NORMAL = 1, LOW = 2. */
export type PriorityRank = 0 | 1 | 2;

/**
 * One episode to download. The partial unique index `uq_queue_open_episode` (in the migrations,
 * as TypeORM cannot express it portably) allows one pending or downloading item per episode.
 * `episode_id` references `episodes` with ON DELETE CASCADE in the migrations; the entity keeps
 * the id only, as the episode is the anime module's (the queue asks it, see `QueueEntries`).
 */
@Entity({ name: 'download_queue_items' })
@Index('ix_queue_status_order', ['status', 'priority', 'position'])
export class DownloadQueueItemEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'episode_id', type: 'integer' })
  episodeId!: number;

  @Column({ type: 'varchar', length: 16 })
  status!: QueueItemStatus;

  @Column({ type: 'integer' })
  priority!: PriorityRank;

  @Column({ type: 'integer' })
  position!: number;

  /** Requested language; null means the series' (or global) preference order. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  language!: LanguageCode | null;

  /** The language the file was downloaded in (set when a hoster delivered). */
  @Column({ name: 'downloaded_language', type: 'varchar', length: 16, nullable: true })
  downloadedLanguage!: LanguageCode | null;

  /** The language wanted first when the download fell back to a less preferred one. */
  @Column({ name: 'fallback_from', type: 'varchar', length: 16, nullable: true })
  fallbackFrom!: LanguageCode | null;

  /** Replaces a file in a less preferred language: only better languages are tried. */
  @Column({ type: 'boolean', default: false })
  upgrade!: boolean;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: Date, nullable: true })
  nextAttemptAt!: Date | null;

  @Column({ name: 'bytes_done', type: 'bigint', default: 0, transformer: bigintToNumber })
  bytesDone!: number;

  @Column({ name: 'bytes_total', type: 'bigint', nullable: true, transformer: bigintToNumber })
  bytesTotal!: number | null;

  /** Smoothed bytes per second while downloading. */
  @Column({ type: 'double precision', nullable: true })
  speed!: number | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ name: 'providers_tried', type: 'simple-json', default: '[]' })
  providersTried!: HosterAttempt[];

  @Column({ name: 'hoster', type: 'varchar', length: 64, nullable: true })
  hoster!: string | null;

  /**
   * Where the finished file goes instead of the library path of the naming template (items of
   * the download client surface: a category folder and the release title). Such a file is not
   * part of the library, so the episode is not marked downloaded.
   */
  @Column({ name: 'target_path', type: 'varchar', length: 2000, nullable: true })
  targetPath!: string | null;

  /** Held items are never claimed (a paused torrent); an active one is suspended when held. */
  @Column({ type: 'boolean', default: false })
  held!: boolean;

  /** The download client category the item came from, for display. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  category!: string | null;

  /** Which instance works on it, and until when (scale-out: a dead instance's lease runs out). */
  @Column({ name: 'lease_owner', type: 'varchar', length: 64, nullable: true })
  leaseOwner!: string | null;

  @Column({ name: 'lease_expires_at', type: Date, nullable: true })
  leaseExpiresAt!: Date | null;

  @Column({ name: 'started_at', type: Date, nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'completed_at', type: Date, nullable: true })
  completedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
