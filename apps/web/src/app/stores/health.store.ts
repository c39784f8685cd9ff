import { Injectable, computed, inject, signal } from '@angular/core';
import type { DetailedHealthResponse, HealthCheckResult } from '@aniworld/contracts';
import { firstValueFrom } from 'rxjs';
import { type ApiError, toApiError } from '../core/api/api-error';
import { SystemApiService } from '../core/api/system-api.service';

/** A critical check that fails, with its name, for the banner. */
export interface CriticalFailure {
  name: string;
  check: HealthCheckResult;
}

/** The server's detailed health, shared by the health banner and the System page. */
@Injectable({ providedIn: 'root' })
export class HealthStore {
  private readonly api = inject(SystemApiService);

  readonly health = signal<DetailedHealthResponse | null>(null);
  readonly error = signal<ApiError | null>(null);
  /** Critical checks that fail: downloads or the whole server cannot work until they are fixed. */
  readonly critical = computed<CriticalFailure[]>(() =>
    Object.entries(this.health()?.checks ?? {})
      .filter(([, check]) => check.critical && check.status === 'error')
      .map(([name, check]) => ({ name, check })),
  );

  async refresh(): Promise<void> {
    try {
      this.health.set(await firstValueFrom(this.api.health()));
      this.error.set(null);
    } catch (error) {
      this.error.set(toApiError(error));
    }
  }
}
