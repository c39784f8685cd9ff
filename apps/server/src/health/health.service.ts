import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { constants as fsConstants, promises as fs } from 'node:fs';
import type {
  DetailedHealthResponse,
  DiskUsage,
  HealthCheckResult,
  HealthResponse,
  ReadinessResponse,
} from '@aniworld/contracts';
import { ConfigService } from '../config/config.service';
import { DatabaseService } from '../database/database.service';
import { TmdbService } from '../metadata/tmdb.service';
import { LIBRARY_RESCAN } from '../scheduler/jobs/library-rescan.job';
import { SchedulerService } from '../scheduler/scheduler.service';
import { APP_VERSION } from '../version';
import { SiteProbeService } from './site-probe.service';
import { dnsCheck, ffmpegCheck } from './startup-checks';
import { messageOf } from '../common/errors';

/** Checks whose failure means the instance cannot serve at all. */
const FATAL_CHECKS = ['database', 'data_directory'];

@Injectable()
export class HealthService implements OnApplicationBootstrap {
  private readonly logger = new Logger(HealthService.name);
  private readonly started = Date.now();
  /** Results of the slow checks made once at start (ffmpeg, DNS). */
  private readonly startupResults: Record<string, HealthCheckResult> = {
    ffmpeg: { status: 'warning', critical: false, message: 'not checked yet' },
    dns: { status: 'warning', critical: false, message: 'not checked yet' },
  };

  constructor(
    private readonly config: ConfigService,
    private readonly database: DatabaseService,
    private readonly scheduler: SchedulerService,
    private readonly probes: SiteProbeService,
    private readonly tmdb: TmdbService,
  ) {}

  /** Start-up checks run in the background: an offline DNS lookup must not delay listening. */
  onApplicationBootstrap(): void {
    void this.runStartupChecks();
  }

  async runStartupChecks(): Promise<void> {
    const [ffmpeg, dns, tmdb] = await Promise.all([
      ffmpegCheck(),
      dnsCheck(this.providerHosts()),
      this.tmdb.check(),
    ]);
    this.startupResults['ffmpeg'] = ffmpeg;
    this.startupResults['dns'] = dns;
    const anime = await this.animeDirectoryCheck();
    for (const [name, result] of Object.entries({ ffmpeg, dns, tmdb, anime_directory: anime })) {
      if (result.status === 'ok')
        this.logger.log({ msg: 'startup check passed', check: name, detail: result.message });
      else if (name === 'anime_directory')
        this.logger.error({ msg: 'startup check failed', check: name, detail: result.message });
      else this.logger.warn({ msg: 'startup check warning', check: name, detail: result.message });
    }
  }

  /** The public summary: states only (messages name paths and versions). */
  async health(): Promise<HealthResponse> {
    const full = await this.fullHealth();
    const checks = Object.fromEntries(
      Object.entries(full.checks).map(([name, { status, critical }]) => [
        name,
        { status, critical },
      ]),
    );
    return { ...full, checks };
  }

  private async fullHealth(): Promise<
    Omit<HealthResponse, 'checks'> & {
      checks: Record<string, HealthCheckResult>;
    }
  > {
    // All at once: under load every await waits for a turn of the event loop, so a chain of
    // six probes answers six turns late (docs/SCALE.md, "Reads beside writes").
    const [database, dataDirectory, animeDirectory, schedulerRuns] = await Promise.all([
      this.databaseCheck(),
      this.writableCheck(this.config.dataDir, 'data directory', true),
      this.animeDirectoryCheck(),
      this.schedulerRuns(),
    ]);
    const checks: Record<string, HealthCheckResult> = {
      database,
      data_directory: dataDirectory,
      anime_directory: animeDirectory,
      ...this.startupResults,
      // TMDB reachable and the key accepted: checked at start, again when stale or the key changed.
      tmdb: this.tmdb.current(),
    };
    const failing = Object.entries(checks).filter(([, c]) => c.status === 'error');
    const status = failing.some(([name]) => FATAL_CHECKS.includes(name))
      ? 'unhealthy'
      : failing.length > 0 || Object.values(checks).some((c) => c.status === 'warning')
        ? 'degraded'
        : 'healthy';
    return {
      status,
      timestamp: new Date().toISOString(),
      version: APP_VERSION,
      anime_directory_configured: this.config.config.anime_directory !== null,
      ...schedulerRuns,
      checks,
    };
  }

  /** The seed's two fields, about the library rescan; a database problem leaves them null. */
  private async schedulerRuns(): Promise<
    Pick<HealthResponse, 'scheduler_next_run' | 'scheduler_last_run'>
  > {
    try {
      const job = (await this.scheduler.jobs()).find((j) => j.name === LIBRARY_RESCAN);
      return {
        scheduler_next_run: job?.next_run ?? null,
        scheduler_last_run: job?.last_run?.finished_at ?? null,
      };
    } catch {
      return { scheduler_next_run: null, scheduler_last_run: null };
    }
  }

  async readiness(): Promise<ReadinessResponse> {
    const { checks } = await this.health();
    const criticalFailures = Object.entries(checks)
      .filter(([, c]) => c.critical && c.status === 'error')
      .map(([name]) => name);
    return criticalFailures.length === 0
      ? { ready: true }
      : { ready: false, critical_failures: criticalFailures };
  }

  async detailed(): Promise<DetailedHealthResponse> {
    const base = await this.fullHealth();
    const db = base.checks['database'];
    const memory = process.memoryUsage();
    const animeDir = this.config.config.anime_directory;
    return {
      ...base,
      uptime_seconds: Math.round((Date.now() - this.started) / 1000),
      database: {
        status: db.status,
        dialect: this.database.dialect,
        latency_ms:
          typeof db.details?.['latency_ms'] === 'number' ? db.details['latency_ms'] : null,
        ...(db.status === 'error' ? { error: db.message } : {}),
      },
      disk: {
        data: await diskUsage(this.config.dataDir),
        anime: animeDir ? await diskUsage(animeDir) : null,
      },
      memory: {
        rss_bytes: memory.rss,
        heap_used_bytes: memory.heapUsed,
        heap_total_bytes: memory.heapTotal,
      },
      sites: await this.probes.sites(),
    };
  }

  private async databaseCheck(): Promise<HealthCheckResult> {
    try {
      const latency = Math.round((await this.database.ping()) * 100) / 100;
      return {
        status: 'ok',
        critical: true,
        message: `${this.database.dialect} answered`,
        details: { latency_ms: latency },
      };
    } catch (error) {
      return {
        status: 'error',
        critical: true,
        message: `database unreachable: ${messageOf(error)}`,
      };
    }
  }

  private async animeDirectoryCheck(): Promise<HealthCheckResult> {
    const dir = this.config.config.anime_directory;
    if (!dir) {
      return {
        status: 'error',
        critical: true,
        message:
          'anime directory not configured: downloads are disabled. Set ANIME_DIRECTORY or anime_directory in the settings.',
      };
    }
    return this.writableCheck(dir, 'anime directory', true, ': downloads are disabled');
  }

  private async writableCheck(
    dir: string,
    what: string,
    critical: boolean,
    consequence = '',
  ): Promise<HealthCheckResult> {
    try {
      const stat = await fs.stat(dir);
      if (!stat.isDirectory())
        return {
          status: 'error',
          critical,
          message: `${what} ${dir} is not a directory${consequence}`,
        };
      await fs.access(dir, fsConstants.W_OK);
      return { status: 'ok', critical, message: `${what} ${dir} is writable` };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why =
        code === 'ENOENT'
          ? 'does not exist'
          : code === 'EACCES'
            ? 'is not writable'
            : messageOf(error);
      return { status: 'error', critical, message: `${what} ${dir} ${why}${consequence}` };
    }
  }

  private providerHosts(): string[] {
    const { aniworld_base_url, sto_base_url } = this.config.config.providers;
    return [aniworld_base_url, sto_base_url].map((url) => new URL(url).hostname);
  }
}

async function diskUsage(path: string): Promise<DiskUsage> {
  try {
    const stat = await fs.statfs(path);
    return { path, free_bytes: stat.bavail * stat.bsize, total_bytes: stat.blocks * stat.bsize };
  } catch {
    return { path, free_bytes: null, total_bytes: null };
  }
}
