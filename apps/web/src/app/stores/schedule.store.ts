import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import type { FieldError, SchedulerResponse, SchedulerUpdate } from '@aniworld/contracts';
import { firstValueFrom } from 'rxjs';
import { type ApiError, fieldErrors, toApiError } from '../core/api/api-error';
import { SchedulerApiService } from '../core/api/scheduler-api.service';
import { SocketService } from '../core/socket/socket.service';

/** The schedule section: settings, jobs with last/next runs, "run now"; refreshed by job events. */
@Injectable({ providedIn: 'root' })
export class ScheduleStore {
  private readonly api = inject(SchedulerApiService);
  private readonly socket = inject(SocketService);

  readonly view = signal<SchedulerResponse | null>(null);
  readonly error = signal<ApiError | null>(null);
  readonly fieldErrors = signal<FieldError[]>([]);
  readonly saving = signal(false);
  readonly runError = signal<{ job: string; error: ApiError } | null>(null);

  constructor() {
    this.socket.join('scheduler');
    const started = this.socket
      .on('job_started')
      .subscribe((e) =>
        this.view.update((v) =>
          v
            ? { ...v, jobs: v.jobs.map((j) => (j.name === e.job ? { ...j, running: true } : j)) }
            : v,
        ),
      );
    const finished = this.socket.on('job_finished').subscribe(() => void this.load());
    inject(DestroyRef).onDestroy(() => {
      started.unsubscribe();
      finished.unsubscribe();
    });
  }

  async load(): Promise<void> {
    try {
      this.view.set(await firstValueFrom(this.api.get()));
      this.error.set(null);
    } catch (error) {
      this.error.set(toApiError(error));
    }
  }

  /** Saves settings; field errors (e.g. schedule_time) come back for the form. */
  async save(update: SchedulerUpdate): Promise<boolean> {
    this.saving.set(true);
    try {
      this.view.set(await firstValueFrom(this.api.update(update)));
      this.fieldErrors.set([]);
      this.error.set(null);
      return true;
    } catch (error) {
      const apiError = toApiError(error);
      this.fieldErrors.set(fieldErrors(apiError));
      this.error.set(apiError);
      return false;
    } finally {
      this.saving.set(false);
    }
  }

  async run(job: string): Promise<void> {
    this.runError.set(null);
    try {
      await firstValueFrom(this.api.run(job));
      this.view.update((v) =>
        v ? { ...v, jobs: v.jobs.map((j) => (j.name === job ? { ...j, running: true } : j)) } : v,
      );
    } catch (error) {
      this.runError.set({ job, error: toApiError(error) });
    }
  }
}
