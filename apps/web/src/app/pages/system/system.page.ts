import { DatePipe, DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import {
  type CheckStatus,
  type HealthStatus,
  LOG_LEVELS,
  type LogLevel,
  type LogLine,
} from '@aniworld/contracts';
import { firstValueFrom } from 'rxjs';
import { type ApiError, toApiError } from '../../core/api/api-error';
import { SystemApiService } from '../../core/api/system-api.service';
import { ErrorMessageComponent } from '../../common/error-message.component';
import { formatBytes, formatEta } from '../../common/format';
import { HealthStore } from '../../stores/health.store';

const REFRESH_MS = 15_000;

function statusText(status: HealthStatus): string {
  switch (status) {
    case 'healthy':
      return $localize`:@@system.healthy:healthy`;
    case 'degraded':
      return $localize`:@@system.degraded:degraded`;
    case 'unhealthy':
      return $localize`:@@system.unhealthy:unhealthy`;
  }
}

function checkStatusText(status: CheckStatus): string {
  switch (status) {
    case 'ok':
      return $localize`:@@system.ok:ok`;
    case 'warning':
      return $localize`:@@system.warning:warning`;
    case 'error':
      return $localize`:@@system.error:error`;
  }
}

/** The server's checks by name, in words; a check this app does not know keeps its name. */
function checkName(name: string): string {
  switch (name) {
    case 'database':
      return $localize`:@@system.check.database:Database`;
    case 'data_directory':
      return $localize`:@@system.check.dataDirectory:Data directory`;
    case 'anime_directory':
      return $localize`:@@system.check.animeDirectory:Anime directory`;
    case 'ffmpeg':
      return 'ffmpeg';
    case 'dns':
      return $localize`:@@system.check.dns:Name resolution (DNS)`;
    case 'tmdb':
      return 'TMDB';
    default:
      return name;
  }
}

const DIALECTS: Record<string, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' };

/** How the server is: every check, the sites, disk, ffmpeg, version, uptime, and its recent log. */
@Component({
  selector: 'aw-system-page',
  imports: [
    DatePipe,
    DecimalPipe,
    FormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatSelectModule,
    ErrorMessageComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './system.page.html',
  styleUrl: './system.page.scss',
})
export class SystemPage {
  readonly store = inject(HealthStore);
  private readonly api = inject(SystemApiService);
  readonly bytes = formatBytes;
  readonly duration = formatEta;
  readonly levels = LOG_LEVELS;
  readonly level = signal<LogLevel>('info');
  readonly statusText = statusText;
  readonly checkStatusText = checkStatusText;

  /** "ok" or "ok, critical". */
  checkState(check: { status: CheckStatus; critical: boolean }): string {
    const status = checkStatusText(check.status);
    return check.critical ? $localize`:@@system.checkCritical:${status}:status:, critical` : status;
  }
  readonly checkName = checkName;
  readonly dialectName = (dialect: string) => DIALECTS[dialect] ?? dialect;

  reachability(reachable: boolean | null): string {
    if (reachable === null) return $localize`:@@system.checking:checking…`;
    return reachable
      ? $localize`:@@system.reachable:reachable`
      : $localize`:@@system.unreachable:unreachable`;
  }
  readonly lines = signal<LogLine[] | null>(null);
  readonly logError = signal<ApiError | null>(null);

  constructor() {
    void this.refresh();
    const timer = setInterval(() => void this.refresh(), REFRESH_MS);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }

  async refresh(): Promise<void> {
    await Promise.all([this.store.refresh(), this.loadLogs()]);
  }

  async setLevel(level: LogLevel): Promise<void> {
    this.level.set(level);
    await this.loadLogs();
  }

  checks(): { name: string; status: CheckStatus; message: string; critical: boolean }[] {
    return Object.entries(this.store.health()?.checks ?? {}).map(([name, c]) => ({
      name,
      status: c.status,
      message: c.message,
      critical: c.critical,
    }));
  }

  fieldsOf(line: LogLine): string {
    const entries = Object.entries(line.fields);
    return entries.length
      ? entries.map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join(' ')
      : '';
  }

  private async loadLogs(): Promise<void> {
    try {
      this.lines.set((await firstValueFrom(this.api.logs(200, this.level()))).lines.reverse());
      this.logError.set(null);
    } catch (error) {
      this.logError.set(toApiError(error));
    }
  }
}
