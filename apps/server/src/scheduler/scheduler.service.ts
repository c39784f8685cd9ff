import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { SchedulerRegistry } from '@nestjs/schedule';
import { randomUUID } from 'node:crypto';
import type { JobOutcome, JobRunAccepted, JobTrigger, SchedulerJob } from '@aniworld/contracts';
import { CLOCK, type Clock } from '../common/clock';
import { messageOf } from '../common/errors';
import { type DomainEventMap, DomainEvents } from '../common/events';
import { ConfigService } from '../config/config.service';
import type { SchedulerJobEntity } from './entities/scheduler-job.entity';
import { JobRegistry, type ScheduledJob } from './job-registry';
import { decide, nextRunAfter, scheduleKey } from './schedule-rules';
import { SchedulerJobRepository } from './scheduler-job.repository';
import { JobNotFound, JobRunning } from './errors/scheduler.errors';

const TICK = 'scheduler.tick';

interface RunningJob {
  abort: AbortController;
  done: Promise<void>;
}

/**
 * Runs the registered jobs on their schedules, once per cluster. Every `tick_seconds` each
 * instance looks at each job's row: a due slot is claimed through the job's lease (see
 * {@link SchedulerJobRepository}), the row is read again under the lease (another instance may
 * just have run it) and the slot is moved on before the job starts. The lease is renewed while
 * the job runs; an instance that dies stops renewing, and after `lease_seconds` another one may
 * claim the job's next slot. The first tick runs at start, which is the misfire recovery
 * ({@link decide}). Times come from the injected clock; instances are assumed to have synchronised
 * clocks (NTP), as the queue's leases also assume.
 */
@Injectable()
export class SchedulerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SchedulerService.name);
  private readonly instanceId = randomUUID();
  private readonly running = new Map<string, RunningJob>();
  private ticking = false;
  private stopped = false;

  constructor(
    private readonly registry: JobRegistry,
    private readonly repo: SchedulerJobRepository,
    private readonly config: ConfigService,
    private readonly events: DomainEvents,
    private readonly timers: SchedulerRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.startTicking();
    void this.tick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timers.doesExist('interval', TICK)) this.timers.deleteInterval(TICK);
    for (const job of this.running.values()) job.abort.abort();
    await Promise.all([...this.running.values()].map((job) => job.done));
  }

  @OnEvent('config.changed')
  onConfigChanged(event: DomainEventMap['config.changed']): void {
    if (event.changed.some((path) => path.startsWith('scheduler.'))) {
      this.startTicking();
      void this.tick();
    }
  }

  /** Each job with its last and next run, for the API. */
  async jobs(): Promise<SchedulerJob[]> {
    const jobs = this.registry.list();
    const rows = new Map((await this.repo.find(jobs.map((j) => j.name))).map((r) => [r.name, r]));
    const now = this.clock.now();
    return jobs.map((job) => {
      const own = job.schedule();
      const schedule = this.scheduleOf(job);
      const row = rows.get(job.name);
      const key = schedule ? scheduleKey(schedule) : null;
      const next =
        schedule && row?.nextRunAt != null && row.scheduleKey === key
          ? row.nextRunAt
          : schedule
            ? nextRunAfter(schedule, now)
            : null;
      return {
        name: job.name,
        description: job.description,
        schedule: own ? scheduleKey(own) : 'on demand',
        next_run: next === null ? null : new Date(next).toISOString(),
        last_run: row ? lastRun(row) : null,
        running: this.running.has(job.name) || isRunningElsewhere(row, now),
      };
    });
  }

  /**
   * Runs a job now, outside its schedule (its next slot stays). 409 while it runs anywhere in
   * the cluster, or when the job itself says it cannot start (a scan already running).
   */
  async runNow(name: string, trigger: JobTrigger = 'manual'): Promise<JobRunAccepted> {
    const job = this.registry.get(name);
    if (!job)
      throw new JobNotFound(
        name,
        this.registry.list().map((j) => j.name),
      );
    if (this.running.has(name)) throw new JobRunning(name);
    await job.check?.();
    const now = this.clock.now();
    const schedule = this.scheduleOf(job);
    if (!(await this.repo.get(name)))
      await this.repo.ensure(
        name,
        schedule ? scheduleKey(schedule) : '',
        schedule ? nextRunAfter(schedule, now) : now,
      );
    if (!(await this.repo.acquire(name, this.instanceId, now, now + this.leaseMs())))
      throw new JobRunning(name);
    this.execute(job, trigger, null);
    return { job: name, message: `${name} started` };
  }

  /** One pass over every job; never two at once on this instance. */
  async tick(): Promise<void> {
    if (this.ticking || this.stopped) return;
    this.ticking = true;
    try {
      for (const job of this.registry.list()) {
        try {
          await this.consider(job);
        } catch (error) {
          this.logger.error({ msg: 'scheduler tick failed', job: job.name, error: String(error) });
        }
      }
    } finally {
      this.ticking = false;
    }
  }

  private async consider(job: ScheduledJob): Promise<void> {
    const schedule = this.scheduleOf(job);
    if (!schedule || this.running.has(job.name)) return;
    const key = scheduleKey(schedule);
    const now = this.clock.now();
    const row = await this.repo.get(job.name);
    if (!row) {
      await this.repo.ensure(job.name, key, nextRunAfter(schedule, now));
      return;
    }
    if (row.scheduleKey !== key || row.nextRunAt === null) {
      await this.repo.reschedule(job.name, key, nextRunAfter(schedule, now));
      return;
    }
    const decision = decide(schedule, row.nextRunAt, now, this.tickMs() * 2);
    if (decision.action === 'wait') return;
    if (decision.action === 'skip') {
      this.logger.warn({
        msg: 'missed slot skipped (more than one period late)',
        job: job.name,
        slot: new Date(row.nextRunAt).toISOString(),
        next: new Date(decision.next).toISOString(),
      });
      await this.repo.skip(job.name, row.nextRunAt, decision.next);
      return;
    }
    if (!(await this.repo.acquire(job.name, this.instanceId, now, now + this.leaseMs()))) return;
    // Under the lease: the slot may have been run (and moved on) by another instance meanwhile.
    const fresh = await this.repo.get(job.name);
    if (fresh?.nextRunAt !== row.nextRunAt) {
      await this.repo.release(job.name, this.instanceId);
      return;
    }
    this.execute(job, decision.misfire ? 'misfire' : 'schedule', row.nextRunAt, {
      nextRunAt: nextRunAfter(schedule, now),
    });
  }

  /** Runs a job whose lease this instance holds, in the background. */
  private execute(
    job: ScheduledJob,
    trigger: JobTrigger,
    slot: number | null,
    move?: { nextRunAt: number },
  ): void {
    const abort = new AbortController();
    const entry: RunningJob = { abort, done: Promise.resolve() };
    this.running.set(job.name, entry);
    entry.done = this.runHeld(job, trigger, slot, abort, move?.nextRunAt).finally(() => {
      this.running.delete(job.name);
    });
  }

  private async runHeld(
    job: ScheduledJob,
    trigger: JobTrigger,
    slot: number | null,
    abort: AbortController,
    nextRunAt?: number,
  ): Promise<void> {
    const startedAt = this.clock.now();
    const heartbeat = setInterval(() => {
      void this.repo
        .renew(job.name, this.instanceId, this.clock.now() + this.leaseMs())
        .then((held) => {
          if (!held) {
            this.logger.warn({ msg: 'job lease lost; stopping the run', job: job.name });
            abort.abort();
          }
        })
        .catch(() => undefined);
    }, this.leaseMs() / 3);
    let outcome: JobOutcome = 'succeeded';
    let message: string | null = null;
    try {
      await this.repo.started(job.name, trigger, startedAt, nextRunAt);
      this.logger.log({ msg: 'job started', job: job.name, trigger });
      this.events.emit('job.started', {
        job: job.name,
        trigger,
        started_at: new Date(startedAt).toISOString(),
      });
      const result = await job.run({ trigger, slot, signal: abort.signal });
      outcome = result?.outcome ?? 'succeeded';
      message = result?.message ?? null;
    } catch (error) {
      outcome = 'failed';
      message = messageOf(error);
    } finally {
      clearInterval(heartbeat);
    }
    const finishedAt = this.clock.now();
    const durationMs = Math.max(0, finishedAt - startedAt);
    try {
      await this.repo.finished(job.name, startedAt, { outcome, finishedAt, durationMs, message });
      await this.repo.release(job.name, this.instanceId);
    } catch (error) {
      this.logger.error({ msg: 'could not record a job run', job: job.name, error: String(error) });
    }
    const log = outcome === 'failed' ? 'warn' : 'log';
    this.logger[log]({ msg: 'job finished', job: job.name, trigger, outcome, durationMs, message });
    this.events.emit('job.finished', {
      job: job.name,
      trigger,
      outcome,
      started_at: new Date(startedAt).toISOString(),
      finished_at: new Date(finishedAt).toISOString(),
      duration_ms: durationMs,
      message,
    });
  }

  private scheduleOf(job: ScheduledJob) {
    return this.config.config.scheduler.enabled ? job.schedule() : null;
  }

  private tickMs(): number {
    return this.config.config.scheduler.tick_seconds * 1000;
  }

  private leaseMs(): number {
    return this.config.config.scheduler.lease_seconds * 1000;
  }

  private startTicking(): void {
    if (this.stopped) return;
    if (this.timers.doesExist('interval', TICK)) this.timers.deleteInterval(TICK);
    const timer = setInterval(() => void this.tick(), this.tickMs());
    timer.unref();
    this.timers.addInterval(TICK, timer);
  }
}

function isRunningElsewhere(row: SchedulerJobEntity | undefined, now: number): boolean {
  return !!row?.runningSince && row.leaseUntil !== null && row.leaseUntil > now;
}

function lastRun(row: SchedulerJobEntity): SchedulerJob['last_run'] {
  if (row.lastStartedAt === null) return null;
  return {
    started_at: new Date(row.lastStartedAt).toISOString(),
    finished_at: row.lastFinishedAt === null ? null : new Date(row.lastFinishedAt).toISOString(),
    outcome: (row.lastOutcome as JobOutcome | null) ?? null,
    duration_ms: row.lastDurationMs,
    message: row.lastMessage,
  };
}
