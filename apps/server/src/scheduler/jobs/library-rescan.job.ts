import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ScanInProgress } from '../../anime/errors/anime.errors';
import { LibraryScanService } from '../../anime/library/library-scan.service';
import { ConfigService } from '../../config/config.service';
import { type JobContext, JobRegistry, type JobResult } from '../job-registry';
import { type JobSchedule, serverTimeZone } from '../schedule-rules';

export const LIBRARY_RESCAN = 'library_rescan';

/**
 * The library rescan: daily at `scheduler.schedule_time` in `scheduler.timezone`, or every
 * `scheduler.interval_minutes`. It starts the scanner and waits for it; queueing the missing
 * episodes of monitored series follows from the scan's completion (AutoQueueService).
 */
@Injectable()
export class LibraryRescanJob implements OnModuleInit {
  constructor(
    private readonly registry: JobRegistry,
    private readonly scans: LibraryScanService,
    private readonly config: ConfigService,
  ) {}

  onModuleInit(): void {
    this.registry.register({
      name: LIBRARY_RESCAN,
      description: 'Rescan the anime directory, then queue missing episodes of monitored series',
      schedule: () => this.schedule(),
      check: () => this.check(),
      run: (context) => this.run(context),
    });
  }

  schedule(): JobSchedule {
    const s = this.config.config.scheduler;
    return s.interval_minutes
      ? { kind: 'every', ms: s.interval_minutes * 60_000 }
      : { kind: 'daily', time: s.schedule_time, timezone: s.timezone ?? serverTimeZone() };
  }

  check(): void {
    if (this.scans.running) throw new ScanInProgress();
  }

  async run({ signal }: JobContext): Promise<JobResult> {
    const { scan_id } = this.scans.start();
    const onAbort = () => void this.scans.cancel().catch(() => undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      const status = await this.scans.finished(scan_id);
      if (status?.state === 'failed') throw new Error(status.error ?? 'scan failed');
      if (status?.state === 'cancelled') return { outcome: 'skipped', message: 'scan cancelled' };
      return {
        message: `${status?.series_matched ?? 0} series matched, ${status?.unmatched ?? 0} unmatched`,
      };
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }
}
