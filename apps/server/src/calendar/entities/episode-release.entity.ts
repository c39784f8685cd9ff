import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintToNumber } from '../../database/transformers';

/**
 * One episode in one language as a site listed it: released (its new-episodes page) or
 * announced (its calendar). What the calendar shows and what the Torznab RSS feed is made of;
 * kept for a while after its day.
 */
@Entity({ name: 'episode_releases' })
@Index('ix_episode_releases_date', ['airDate'])
@Index('ix_episode_releases_released', ['releasedAt'])
export class EpisodeReleaseEntity {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  site!: string;

  /** The series key (slug) on that site. */
  @PrimaryColumn({ type: 'varchar', length: 200 })
  key!: string;

  @PrimaryColumn({ type: 'integer' })
  season!: number;

  @PrimaryColumn({ type: 'integer' })
  episode!: number;

  /** A LanguageCode, or '' when the site's row named none. */
  @PrimaryColumn({ type: 'varchar', length: 16 })
  language!: string;

  /** The site's day, `YYYY-MM-DD` (compares as text). */
  @Column({ name: 'air_date', type: 'varchar', length: 10 })
  airDate!: string;

  /** `HH:MM` as announced, or null. */
  @Column({ name: 'air_time', type: 'varchar', length: 5, nullable: true })
  airTime!: string | null;

  /** `released` or `announced`; a released row never goes back to announced. */
  @Column({ type: 'varchar', length: 10 })
  release!: 'released' | 'announced';

  /** The series' title as the site printed it (for feeds), or null. */
  @Column({ name: 'series_title', type: 'varchar', length: 500, nullable: true })
  seriesTitle!: string | null;

  /**
   * When it came out (epoch ms), null while only announced: the moment this instance first saw
   * it as released when that was on its own day, else its day's midnight (UTC). Kept once set.
   */
  @Column({ name: 'released_at', type: 'bigint', nullable: true, transformer: bigintToNumber })
  releasedAt!: number | null;

  /** When this instance first saw the row (epoch ms). */
  @Column({ name: 'first_seen_at', type: 'bigint', transformer: bigintToNumber })
  firstSeenAt!: number;
}
