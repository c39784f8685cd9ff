import { Injectable } from '@nestjs/common';
import type { JobOutcome, JobTrigger } from '@aniworld/contracts';
import type { JobSchedule } from './schedule-rules';

export interface JobContext {
  trigger: JobTrigger;
  /** The scheduled time (epoch ms) this run is for; null for a manual run. */
  slot: number | null;
  /** Aborted when the instance shuts down or loses the job's lease. */
  signal: AbortSignal;
}

export interface JobResult {
  /** Default `succeeded`; a job that had nothing to do may say `skipped`. A throw is `failed`. */
  outcome?: Exclude<JobOutcome, 'failed'>;
  message?: string;
}

/**
 * A job the scheduler runs. The seam for other modules: a module that has periodic work (the
 * *arr catalogue refresh, for instance) imports SchedulerModule and registers a job in its
 * `onModuleInit`; the scheduler then runs it on its schedule, once per cluster, with last/next
 * run, "run now" and socket events, without any change to scheduler code. `run` should only
 * start or enqueue work that already exists in its own module.
 */
export interface ScheduledJob {
  /** Stable id: the row in `scheduler_jobs`, the URL segment of "run now", the socket payload. */
  readonly name: string;
  readonly description: string;
  /** Read at every tick, so setting changes apply live; null = runs only when asked. */
  schedule(): JobSchedule | null;
  /** Refuses a manual run that cannot start now (throw a DomainError, e.g. 409). */
  check?(): Promise<void> | void;
  run(context: JobContext): Promise<JobResult | void>;
}

/** One cleanup of the housekeeping job: removes what is older than its module keeps; returns how many. */
export interface Housekeeper {
  readonly name: string;
  sweep(now: number): Promise<number>;
}

/**
 * Global (see SchedulerCoreModule), so any module can contribute jobs and housekeepers without
 * importing the scheduler and its dependencies.
 */
@Injectable()
export class JobRegistry {
  private readonly jobs = new Map<string, ScheduledJob>();
  private readonly housekeepers: Housekeeper[] = [];

  register(job: ScheduledJob): void {
    if (!/^[a-z][a-z0-9_-]{0,63}$/.test(job.name))
      throw new Error(`job name '${job.name}' must be lower case letters, digits, _ or -`);
    if (this.jobs.has(job.name)) throw new Error(`job '${job.name}' is registered twice`);
    this.jobs.set(job.name, job);
  }

  get(name: string): ScheduledJob | undefined {
    return this.jobs.get(name);
  }

  list(): ScheduledJob[] {
    return [...this.jobs.values()];
  }

  addHousekeeper(housekeeper: Housekeeper): void {
    this.housekeepers.push(housekeeper);
  }

  listHousekeepers(): readonly Housekeeper[] {
    return this.housekeepers;
  }
}
