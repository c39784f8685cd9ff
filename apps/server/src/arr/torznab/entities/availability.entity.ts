import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { LanguageCode, SiteId } from '@aniworld/contracts';

/**
 * Whether an episode is offered in a language, by which hosters and in what quality, until
 * `expiresAt` (docs/arr-torznab.md, "Availability cache"). Negative rows expire sooner.
 */
@Entity({ name: 'arr_availability' })
export class AvailabilityEntity {
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

  @Column({ type: 'boolean' })
  available!: boolean;

  @Column({ type: 'simple-json' })
  hosters!: string[];

  /** Probed from the HLS master (RESOLUTION); null until probed. */
  @Column({ type: 'integer', nullable: true })
  height!: number | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  codec!: string | null;

  /** Bits per second of the chosen variant (BANDWIDTH). */
  @Column({ type: 'integer', nullable: true })
  bandwidth!: number | null;

  @Column({ name: 'duration_sec', type: 'integer', nullable: true })
  durationSec!: number | null;

  @Column({ name: 'checked_at', type: Date })
  checkedAt!: Date;

  @Column({ name: 'expires_at', type: Date })
  expiresAt!: Date;
}
