import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { LanguageCode } from '@aniworld/contracts';
import { discardPartials, type ProgressEvent } from '@aniworld/downloader';
import { CLOCK, type Clock } from '../../common/clock';
import { DomainEvents } from '../../common/events';
import { ConfigService } from '../../config/config.service';
import { DatabaseService } from '../../database/database.service';
import { isActive, type QueueRunState, QueueStateService, sameState } from '../queue-state.service';
import { QueueStatusService } from '../queue-status.service';
import { QueueLeaseRepository } from '../queue-lease.repository';
import { QueueEntries, type QueueEntry } from '../queue-entries.service';
import { QueueReadRepository } from '../queue-read.repository';
import { progressOf, toMbps } from '../queue.mapper';
import { DownloadTargetService } from './download-target.service';
import { EpisodeDownloadService } from './episode-download.service';
import { LiveProgressRegistry } from './live-progress';
import { RunOutcomeService } from './run-outcome.service';
import { Throttle } from './throttle';

/** Why a running download was stopped. */
export type StopReason = 'cancel' | 'pause' | 'shutdown' | 'lost';

const TICK_MS = 1_000;
const LEASE_MS = 60_000;
const RENEW_MS = 15_000;
/**
 * How often a pass looks for expired leases. A lease lasts
 * 60 s, so a dead instance's item waits at most this much longer; every second was an UPDATE
 * per second for nothing on an idle queue.
 */
const RELEASE_STALE_MS = 15_000;
const PROGRESS_EVENT_MS = 250;
const PROGRESS_DB_MS = 2_000;

interface Job {
  controller: AbortController;
  done: Promise<void>;
  target: string | null;
  /** Where the current attempt downloads from, and in which language. */
  hoster: string | null;
  language: LanguageCode | null;
}

/**
 * The workers: claims due items (priority, then position) up to `downloads.concurrency`, each
 * with a lease that is renewed while it runs, so several instances never take the same item and
 * a dead instance's items are taken over once its leases expire.
 *
 * A pass runs every second and after every kick. Each pass reads the stored run state, so a
 * pause, stop, resume or start through any instance (or a pause for a full disk on any of them)
 * reaches this one within a second: see {@link follow}.
 */
@Injectable()
export class QueueRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(QueueRunner.name);
  /** This process's identity in `lease_owner`. */
  readonly instanceId = `${hostname().slice(0, 30)}-${process.pid}-${randomUUID().slice(0, 8)}`;
  private readonly jobs = new Map<string, Job>();
  private tickTimer: NodeJS.Timeout | null = null;
  private renewTimer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;
  private again = false;
  private closing = false;
  private lastProblem: string | null = null;
  /** The stored run state as the last pass read it. */
  private seen: QueueRunState | null = null;
  private passes = 0;
  /** When the last pass looked for expired leases (clock ms). */
  private lastRelease = 0;

  constructor(
    private readonly leases: QueueLeaseRepository,
    private readonly reads: QueueReadRepository,
    private readonly entries: QueueEntries,
    private readonly state: QueueStateService,
    private readonly status: QueueStatusService,
    private readonly live: LiveProgressRegistry,
    private readonly targets: DownloadTargetService,
    private readonly downloads: EpisodeDownloadService,
    private readonly outcomes: RunOutcomeService,
    private readonly events: DomainEvents,
    private readonly config: ConfigService,
    private readonly database: DatabaseService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // One SQLite file means one instance: whatever was downloading belonged to a dead process.
    // On PostgreSQL other instances may be alive, so only expired leases are taken back.
    const released = await this.leases.releaseStale(
      this.database.dialect === 'sqlite' ? undefined : new Date(this.clock.now()),
    );
    if (released) this.logger.log({ msg: 'recovered interrupted downloads', items: released });
    this.tickTimer = setInterval(() => this.kick(), TICK_MS);
    this.tickTimer.unref();
    this.renewTimer = setInterval(() => void this.renewLeases(), RENEW_MS);
    this.renewTimer.unref();
    this.kick();
  }

  /** Aborts active downloads (partial files kept) and puts them back to pending for the next start. */
  async beforeApplicationShutdown(): Promise<void> {
    this.closing = true;
    if (this.tickTimer) clearInterval(this.tickTimer);
    if (this.renewTimer) clearInterval(this.renewTimer);
    await this.ticking;
    await this.stopAll('shutdown');
  }

  /** Looks for work soon (after an add, a resume, a finished download). */
  kick(): void {
    if (this.closing) return;
    if (this.ticking) {
      this.again = true;
      return;
    }
    this.ticking = this.tick()
      .catch((error: unknown) =>
        this.logger.error({ msg: 'queue tick failed', error: String(error) }),
      )
      .finally(() => {
        this.ticking = null;
        this.passes++;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  isActive(id: string): boolean {
    return this.jobs.has(id);
  }

  /** Passes of the claim loop so far (tests wait for one to have run, never for a time). */
  get completedPasses(): number {
    return this.passes;
  }

  /** Stops every running download of this process and waits until each has recorded it. */
  async stopAll(reason: Exclude<StopReason, 'cancel'>): Promise<void> {
    const jobs = [...this.jobs.values()];
    for (const job of jobs) job.controller.abort(reason);
    await Promise.all(jobs.map((job) => job.done));
  }

  /** Suspends one running download like a pause: partial file kept, back to pending. */
  async suspend(id: string): Promise<void> {
    const job = this.jobs.get(id);
    if (!job) return;
    job.controller.abort('pause' satisfies StopReason);
    await job.done;
  }

  /** Cancels one running download: aborted, its partial files deleted. */
  async cancel(id: string): Promise<void> {
    const job = this.jobs.get(id);
    if (!job) return;
    job.controller.abort('cancel' satisfies StopReason);
    await job.done;
  }

  private async tick(): Promise<void> {
    await this.releaseExpired();
    if (!(await this.follow())) return;
    const problem = await this.targets.problem();
    if (problem !== this.lastProblem) {
      this.lastProblem = problem;
      if (problem)
        this.logger.warn({
          msg: 'library downloads disabled; items with a fixed target still run',
          reason: problem,
        });
    }
    // A pause that lands during this loop is seen by the claim itself (it reads the stored state).
    // Without a usable library only items with a fixed target (download client items) can run.
    while (!this.closing && this.jobs.size < this.concurrency()) {
      const id = await this.leases.claim(this.instanceId, new Date(this.clock.now()), LEASE_MS, {
        targetedOnly: problem !== null,
      });
      if (!id) break;
      const item = await this.entries.byId(id);
      if (!item) continue;
      if (item.held) {
        // Held between the claim and now (a torrent paused right then): not ours to run.
        await this.leases.endRun(id, this.instanceId, { status: 'pending' });
        continue;
      }
      this.start(item);
    }
  }

  /**
   * Items whose lease ran out (a dead instance's, or a run of this one that crashed without
   * ending) go back to pending: every {@link RELEASE_STALE_MS}, not on every pass.
   */
  private async releaseExpired(): Promise<void> {
    const now = this.clock.now();
    if (now - this.lastRelease < RELEASE_STALE_MS) return;
    this.lastRelease = now;
    await this.leases.releaseStale(new Date(now));
  }

  /**
   * Follows the stored run state, which any instance may have changed: true when items may be
   * claimed. While it says paused or stopped, this instance's downloads are suspended as on a
   * local pause (also one that was claimed just before a pause landed). A change made elsewhere
   * is announced by a `queue.status` event from here too: without Redis, that is how this
   * instance's clients learn of it (with Redis they get one per instance; each is the full state).
   */
  private async follow(): Promise<boolean> {
    const state = await this.state.read();
    const seen = this.seen;
    this.seen = state;
    if (seen && !sameState(seen, state)) this.status.changed();
    if (isActive(state)) return true;
    for (const job of this.jobs.values()) job.controller.abort('pause' satisfies StopReason);
    return false;
  }

  private concurrency(): number {
    return Math.max(1, this.config.config.downloads.concurrency);
  }

  private start(item: QueueEntry): void {
    const controller = new AbortController();
    const job: Job = {
      controller,
      target: null,
      hoster: null,
      language: null,
      done: Promise.resolve(),
    };
    this.jobs.set(item.id, job);
    this.status.changed();
    job.done = this.process(item, job)
      .catch((error: unknown) =>
        this.logger.error({ msg: 'download run crashed', item_id: item.id, error: String(error) }),
      )
      .finally(() => {
        this.jobs.delete(item.id);
        this.live.delete(item.id);
        this.status.changed();
        this.kick();
      });
  }

  private async process(item: QueueEntry, job: Job): Promise<void> {
    const episode = item.episode;
    const series = episode?.series;
    if (!episode || !series || series.deletedAt) {
      await this.leases.endRun(item.id, this.instanceId, {
        status: 'failed',
        error: 'The episode or series of this item no longer exists',
      });
      return;
    }
    this.logger.log({
      msg: 'download started',
      item_id: item.id,
      key: series.key,
      season: episode.season,
      episode: episode.episodeNumber,
      attempt: item.attempts + 1,
    });
    const progressEvents = new Throttle<ProgressEvent>(PROGRESS_EVENT_MS, this.clock, (p) =>
      this.events.emit('download.progress', {
        download_id: item.id,
        key: series.key,
        folder: series.folder,
        series_name: series.name,
        season: episode.season,
        episode: episode.episodeNumber,
        percent: p.percent ?? progressOf(p.bytesDone, p.bytesTotal),
        speed_mbps: toMbps(p.speed),
        eta_seconds: p.etaSeconds,
        bytes: { done: p.bytesDone, total: p.bytesTotal },
        hoster: job.hoster,
        language: job.language,
      }),
    );
    const progressWrites = new Throttle<ProgressEvent>(PROGRESS_DB_MS, this.clock, (p) => {
      void this.leases
        .saveProgress(item.id, this.instanceId, {
          bytesDone: p.bytesDone,
          bytesTotal: p.bytesTotal,
          speed: p.speed,
        })
        .catch(() => undefined);
    });
    try {
      const result = await this.downloads.run({
        series,
        episode,
        language: item.language,
        upgrade: item.upgrade,
        targetPath: item.targetPath,
        signal: job.controller.signal,
        onTarget: (path, hoster, language) => {
          job.target = path;
          job.hoster = hoster;
          job.language = language;
        },
        onProgress: (p) => {
          this.live.set(item.id, {
            bytesDone: p.bytesDone,
            bytesTotal: p.bytesTotal,
            speed: p.speed,
            etaSeconds: p.etaSeconds,
            hoster: job.hoster,
            language: job.language,
          });
          progressEvents.push(p);
          progressWrites.push(p);
        },
      });
      progressEvents.flush();
      if (result.outcome === 'completed') {
        await this.outcomes.completed(item, this.instanceId, result);
        return;
      }
      // Paused first, so no other item is claimed only to hit the same full disk.
      if (result.kind === 'local') await this.pauseFor(item.id, result.error, result.hint);
      await this.outcomes.failed(item, this.instanceId, result);
    } catch (error) {
      if (!job.controller.signal.aborted) throw error;
      await this.stopped(item, job, job.controller.signal.reason as StopReason);
    }
  }

  private async stopped(item: QueueEntry, job: Job, reason: StopReason): Promise<void> {
    const live = this.live.get(item.id);
    if (reason === 'cancel' || reason === 'lost') {
      const still = reason === 'lost' ? await this.reads.findById(item.id) : null;
      if (job.target && !still) await discardPartials(job.target);
      if (reason === 'cancel')
        await this.leases.endRun(item.id, this.instanceId, { status: 'cancelled', speed: null });
      return;
    }
    // Paused, stopped or shutting down: the partial file stays and the next run resumes it,
    // before the items that never started (the queue page says so).
    const suspended = await this.leases.endRun(item.id, this.instanceId, {
      status: 'pending',
      speed: null,
      ...(live ? { bytesDone: live.bytesDone, bytesTotal: live.bytesTotal } : {}),
    });
    if (suspended) await this.leases.toFront(item.id);
    this.logger.log({ msg: 'download suspended', item_id: item.id, reason });
  }

  /**
   * Disk full or no permission: every other download would fail the same way. The other active
   * downloads are suspended like a pause (partial files kept), those of the other instances at
   * their next pass; the operator is told once per pause, however many downloads (of however
   * many instances) ran into it together.
   */
  private async pauseFor(itemId: string, reason: string, hint?: string): Promise<void> {
    // Atomic over every instance: when several run out of space at once, one of them tells.
    const { before } = await this.state.set({ paused: true });
    for (const [id, job] of this.jobs)
      if (id !== itemId) job.controller.abort('pause' satisfies StopReason);
    this.status.changed();
    if (before.paused) return;
    this.logger.error({ msg: 'queue paused', reason });
    await this.outcomes.queuePaused(reason, hint);
  }

  private async renewLeases(): Promise<void> {
    const until = new Date(this.clock.now() + LEASE_MS);
    for (const [id, job] of this.jobs) {
      const ours = await this.leases.renewLease(id, this.instanceId, until).catch(() => true);
      if (!ours) {
        this.logger.warn({ msg: 'lease lost (item removed or taken over)', item_id: id });
        job.controller.abort('lost' satisfies StopReason);
      }
    }
  }
}
