import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { SiteId } from '@aniworld/contracts';

/** An episode (or film, season 0) as a site lists it; the base of absolute numbering. */
@Entity({ name: 'arr_episodes' })
export class SiteEpisodeEntity {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  site!: SiteId;

  @PrimaryColumn({ type: 'varchar', length: 255 })
  key!: string;

  @PrimaryColumn({ type: 'integer' })
  season!: number;

  @PrimaryColumn({ type: 'integer' })
  episode!: number;

  @Column({ type: 'varchar', length: 500, nullable: true })
  title!: string | null;
}
