import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { LanguageCode, SiteId } from '@aniworld/contracts';

/** A row of a site's new-episodes page: what the RSS feed (no `q`) is made of. */
@Entity({ name: 'arr_recent' })
@Index('ix_arr_recent_released', ['releasedAt'])
export class RecentReleaseEntity {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  site!: SiteId;

  @PrimaryColumn({ type: 'varchar', length: 255 })
  key!: string;

  @PrimaryColumn({ type: 'integer' })
  season!: number;

  @PrimaryColumn({ type: 'integer' })
  episode!: number;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  language!: LanguageCode;

  @Column({ name: 'series_title', type: 'varchar', length: 500 })
  seriesTitle!: string;

  /** The date the page prints; the time is when we first saw the row, if that was the same day. */
  @Column({ name: 'released_at', type: Date })
  releasedAt!: Date;
}
