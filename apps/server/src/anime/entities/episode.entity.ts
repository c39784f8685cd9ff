import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import type { LanguageCode } from '@aniworld/contracts';
import { AnimeSeriesEntity } from './anime-series.entity';

@Entity({ name: 'episodes' })
@Unique('uq_episodes_series_season_episode', ['seriesId', 'season', 'episodeNumber'])
export class EpisodeEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'series_id', type: 'integer' })
  seriesId!: number;

  @ManyToOne(() => AnimeSeriesEntity, (series) => series.episodes, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'series_id' })
  series?: Relation<AnimeSeriesEntity>;

  /** 0 holds films and specials. */
  @Column({ type: 'integer' })
  season!: number;

  @Column({ name: 'episode_number', type: 'integer' })
  episodeNumber!: number;

  @Column({ name: 'absolute_number', type: 'integer', nullable: true })
  absoluteNumber!: number | null;

  @Column({ name: 'title_de', type: 'varchar', length: 500, nullable: true })
  titleDe!: string | null;

  @Column({ name: 'title_en', type: 'varchar', length: 500, nullable: true })
  titleEn!: string | null;

  @Column({ type: 'simple-json', default: '[]' })
  languages!: LanguageCode[];

  @Column({ name: 'is_downloaded', type: 'boolean', default: false })
  isDownloaded!: boolean;

  @Column({ name: 'file_path', type: 'varchar', length: 2000, nullable: true })
  filePath!: string | null;

  /** The language of the file on disk when Aniworld downloaded it; null when unknown. */
  @Column({ name: 'downloaded_language', type: 'varchar', length: 16, nullable: true })
  downloadedLanguage!: LanguageCode | null;

  /**
   * A `.strm` file for the episode in the library (docs/strm.md, "In the library"): the episode
   * streams through the proxy, so it counts as present (not missing), but it is no downloaded
   * file; a download of it replaces the `.strm`.
   */
  @Column({ name: 'strm_path', type: 'varchar', length: 2000, nullable: true })
  strmPath!: string | null;

  /** `yyyy-MM-dd` from TMDB once the series is matched (docs/metadata.md). */
  @Column({ name: 'air_date', type: 'varchar', length: 10, nullable: true })
  airDate!: string | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
