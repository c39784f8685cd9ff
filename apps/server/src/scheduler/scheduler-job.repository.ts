import { Inject, Injectable, Optional } from '@nestjs/common';
import { type DataSource, In, type Repository } from 'typeorm';
import { DATA_SOURCE, READ_DATA_SOURCE } from '../database/database.service';
import { SchedulerJobEntity } from './entities/scheduler-job.entity';

export interface RunRecord {
  outcome: string;
  finishedAt: number;
  durationMs: number;
  message: string | null;
}

/**
 * The `scheduler_jobs` rows. The lease is one conditional UPDATE, atomic on both dialects: it
 * succeeds for the holder, or for anyone once the holder's lease has expired, so each job has
 * at most one runner in the cluster and a dead runner's job is taken over after `lease_seconds`.
 */
@Injectable()
export class SchedulerJobRepository {
  private readonly repo: Repository<SchedulerJobEntity>;
  /** For the run times `/health` and `GET /api/scheduler` show: beside a busy main connection. */
  private readonly reads: Repository<SchedulerJobEntity>;

  constructor(
    @Inject(DATA_SOURCE) dataSource: DataSource,
    @Optional() @Inject(READ_DATA_SOURCE) reader?: DataSource,
  ) {
    this.repo = dataSource.getRepository(SchedulerJobEntity);
    this.reads = (reader ?? dataSource).getRepository(SchedulerJobEntity);
  }

  get(name: string): Promise<SchedulerJobEntity | null> {
    return this.repo.findOneBy({ name });
  }

  /** The rows as committed, for showing; the runner's own decisions read with {@link get}. */
  find(names: string[]): Promise<SchedulerJobEntity[]> {
    return names.length ? this.reads.findBy({ name: In(names) }) : Promise.resolve([]);
  }

  /** Creates the row on first sight; another instance creating it at the same time is fine. */
  async ensure(name: string, scheduleKey: string, nextRunAt: number): Promise<void> {
    await this.repo
      .createQueryBuilder()
      .insert()
      .values({ name, scheduleKey, nextRunAt })
      .orIgnore()
      .execute();
  }

  /** New slot after a schedule change; only when the row still has the old schedule. */
  async reschedule(name: string, scheduleKey: string, nextRunAt: number): Promise<void> {
    await this.repo
      .createQueryBuilder()
      .update()
      .set({ scheduleKey, nextRunAt })
      .where('name = :name AND schedule_key <> :scheduleKey', { name, scheduleKey })
      .execute();
  }

  /** Moves a missed slot on; conditional so two instances skipping at once agree. */
  async skip(name: string, expected: number, nextRunAt: number): Promise<void> {
    await this.repo
      .createQueryBuilder()
      .update()
      .set({ nextRunAt })
      .where('name = :name AND next_run_at = :expected', { name, expected })
      .execute();
  }

  async acquire(name: string, owner: string, now: number, until: number): Promise<boolean> {
    const result = await this.repo
      .createQueryBuilder()
      .update()
      .set({ leaseOwner: owner, leaseUntil: until })
      .where('name = :name', { name })
      .andWhere('(lease_owner IS NULL OR lease_until < :now OR lease_owner = :owner)', {
        now,
        owner,
      })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** Extends a held lease; false when it was lost (expired and taken by another instance). */
  async renew(name: string, owner: string, until: number): Promise<boolean> {
    const result = await this.repo
      .createQueryBuilder()
      .update()
      .set({ leaseUntil: until })
      .where('name = :name AND lease_owner = :owner', { name, owner })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  async release(name: string, owner: string): Promise<void> {
    await this.repo
      .createQueryBuilder()
      .update()
      .set({ leaseOwner: null, leaseUntil: null })
      .where('name = :name AND lease_owner = :owner', { name, owner })
      .execute();
  }

  /** A run begins; a scheduled one also moves the slot on (`nextRunAt`). */
  async started(name: string, trigger: string, at: number, nextRunAt?: number): Promise<void> {
    await this.repo.update(
      { name },
      {
        runningSince: at,
        lastTrigger: trigger,
        ...(nextRunAt === undefined ? {} : { nextRunAt }),
      },
    );
  }

  async finished(name: string, startedAt: number, run: RunRecord): Promise<void> {
    await this.repo.update(
      { name },
      {
        runningSince: null,
        lastStartedAt: startedAt,
        lastFinishedAt: run.finishedAt,
        lastOutcome: run.outcome,
        lastDurationMs: run.durationMs,
        lastMessage: run.message,
      },
    );
  }
}
