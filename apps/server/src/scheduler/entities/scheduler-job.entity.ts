import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintToNumber } from '../../database/transformers';

/**
 * One row per scheduled job: when it runs next, how its last run went, and the cluster-wide
 * lease. Times are epoch milliseconds (BIGINT), compared in SQL the same way on both dialects.
 */
@Entity({ name: 'scheduler_jobs' })
export class SchedulerJobEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  name!: string;

  /** The schedule `next_run_at` was computed from; a settings change recomputes it. */
  @Column({ name: 'schedule_key', type: 'varchar', length: 200, default: '' })
  scheduleKey!: string;

  @Column({ name: 'next_run_at', type: 'bigint', nullable: true, transformer: bigintToNumber })
  nextRunAt!: number | null;

  @Column({ name: 'running_since', type: 'bigint', nullable: true, transformer: bigintToNumber })
  runningSince!: number | null;

  @Column({ name: 'last_trigger', type: 'varchar', length: 16, nullable: true })
  lastTrigger!: string | null;

  @Column({ name: 'last_started_at', type: 'bigint', nullable: true, transformer: bigintToNumber })
  lastStartedAt!: number | null;

  @Column({
    name: 'last_finished_at',
    type: 'bigint',
    nullable: true,
    transformer: bigintToNumber,
  })
  lastFinishedAt!: number | null;

  @Column({ name: 'last_outcome', type: 'varchar', length: 16, nullable: true })
  lastOutcome!: string | null;

  @Column({ name: 'last_duration_ms', type: 'integer', nullable: true })
  lastDurationMs!: number | null;

  @Column({ name: 'last_message', type: 'text', nullable: true })
  lastMessage!: string | null;

  @Column({ name: 'lease_owner', type: 'varchar', length: 64, nullable: true })
  leaseOwner!: string | null;

  @Column({ name: 'lease_until', type: 'bigint', nullable: true, transformer: bigintToNumber })
  leaseUntil!: number | null;
}
