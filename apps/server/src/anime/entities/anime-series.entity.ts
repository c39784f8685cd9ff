import {
  Column,
  CreateDateColumn,
  DeleteDateColumn,
  Entity,
  Index,
  OneToMany,
  PrimaryGeneratedColumn,
  type Relation,
  UpdateDateColumn,
} from 'typeorm';
import type { LanguageCode } from '@aniworld/contracts';
import { EpisodeEntity } from './episode.entity';

export type SiteId = 'aniworld' | 'sto';

@Entity({ name: 'anime_series' })
export class AnimeSeriesEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  /** Provider slug, the identifier used by every API, event and table. */
  @Index('uq_anime_series_key', { unique: true })
  @Column({ type: 'varchar', length: 255 })
  key!: string;

  @Column({ type: 'varchar', length: 500 })
  name!: string;

  @Column({ type: 'varchar', length: 32 })
  site!: SiteId;

  /** Folder name under the anime directory; display and filesystem metadata only. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  folder!: string | null;

  @Column({ type: 'integer', nullable: true })
  year!: number | null;

  @Column({ name: 'cover_url', type: 'varchar', length: 1000, nullable: true })
  coverUrl!: string | null;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ name: 'alt_titles', type: 'simple-json', default: '[]' })
  altTitles!: string[];

  /** Per-series override of the global language preference. */
  @Column({ name: 'language_preference', type: 'simple-json', nullable: true })
  languagePreference!: LanguageCode[] | null;

  /** External ids, set by the metadata module from TMDB (docs/metadata.md). */
  @Column({ name: 'tmdb_id', type: 'integer', nullable: true })
  tmdbId!: number | null;

  @Column({ name: 'tvdb_id', type: 'integer', nullable: true })
  tvdbId!: number | null;

  /** The site's IMDb id when the series is added, replaced by TMDB's once matched. */
  @Column({ name: 'imdb_id', type: 'varchar', length: 16, nullable: true })
  imdbId!: string | null;

  @Column({ type: 'simple-json', default: '[]' })
  genres!: string[];

  /** Hash of the stored poster / backdrop (their ETag); null while none is stored. */
  @Column({ name: 'poster_version', type: 'varchar', length: 40, nullable: true })
  posterVersion!: string | null;

  @Column({ name: 'fanart_version', type: 'varchar', length: 40, nullable: true })
  fanartVersion!: string | null;

  /** Missing episodes of a monitored series are queued by the scheduler without a click. */
  @Column({ type: 'boolean', default: false })
  monitored!: boolean;
  /**
   * Episode counts kept on write (see `SeriesCountsRepository`): the library list reads one row
   * per series instead of aggregating every episode. `missingCount` follows the global language
   * preference stored with the counts (`library.counts_preference` in system_settings).
   */
  @Column({ name: 'episode_count', type: 'integer', default: 0 })
  episodeCount!: number;

  @Column({ name: 'downloaded_count', type: 'integer', default: 0 })
  downloadedCount!: number;

  @Column({ name: 'missing_count', type: 'integer', default: 0 })
  missingCount!: number;

  @OneToMany(() => EpisodeEntity, (episode) => episode.series)
  episodes?: Relation<EpisodeEntity>[];

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;

  @DeleteDateColumn({ name: 'deleted_at' })
  deletedAt!: Date | null;
}
