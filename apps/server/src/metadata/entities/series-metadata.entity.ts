import { Column, Entity, PrimaryColumn } from 'typeorm';
import type {
  MetadataMatchMethod,
  MetadataMatchState,
  MetadataWriteOutcome,
  TmdbCandidate,
} from '@aniworld/contracts';
import { bigintToNumber } from '../../database/transformers';

/**
 * The TMDB match of one series and the last metadata write (docs/metadata.md). The ids it leads
 * to live on the series itself (`anime_series.tmdb_id`, …); this row says how sure we are.
 */
@Entity({ name: 'series_metadata' })
export class SeriesMetadataEntity {
  @PrimaryColumn({ name: 'series_id', type: 'integer' })
  seriesId!: number;

  @Column({ type: 'varchar', length: 16 })
  state!: MetadataMatchState;

  @Column({ type: 'varchar', length: 16, nullable: true })
  method!: MetadataMatchMethod | null;

  @Column({ type: 'real', nullable: true })
  confidence!: number | null;

  /** Ranked candidates of an uncertain match; empty otherwise. */
  @Column({ type: 'simple-json', default: '[]' })
  candidates!: TmdbCandidate[];

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  /** Epoch milliseconds of the last lookup. */
  @Column({ name: 'checked_at', type: 'bigint', transformer: bigintToNumber })
  checkedAt!: number;

  @Column({ name: 'last_write', type: 'simple-json', nullable: true })
  lastWrite!: MetadataWriteOutcome | null;
}
