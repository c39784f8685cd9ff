import { DatePipe, DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, effect, inject } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { ErrorMessageComponent } from '../../common/error-message.component';
import { ScheduleStore } from '../../stores/schedule.store';

/** Schedule settings and each job's last and next run, with "Run now". */
@Component({
  selector: 'aw-schedule-page',
  imports: [
    DatePipe,
    DecimalPipe,
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSlideToggleModule,
    ErrorMessageComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Schedule</h1>
    <aw-error [error]="store.error()" />
    <form [formGroup]="form" (ngSubmit)="save()" class="form" data-testid="schedule-form">
      <mat-slide-toggle formControlName="enabled">Run jobs on their schedule</mat-slide-toggle>
      <mat-form-field>
        <mat-label>Daily rescan at (HH:MM)</mat-label>
        <input matInput formControlName="schedule_time" name="schedule_time" />
      </mat-form-field>
      @if (errorOf('schedule_time'); as message) {
        <div class="field-error" role="alert" data-testid="schedule-time-error">{{ message }}</div>
      }
      <mat-form-field>
        <mat-label>Time zone (empty = the server's)</mat-label>
        <input matInput formControlName="timezone" placeholder="Europe/Berlin" />
      </mat-form-field>
      <mat-form-field>
        <mat-label>Or rescan every N minutes</mat-label>
        <input matInput type="number" formControlName="interval_minutes" />
      </mat-form-field>
      <mat-form-field>
        <mat-label>New-episodes check every N minutes</mat-label>
        <input matInput type="number" formControlName="new_episodes_interval_minutes" />
      </mat-form-field>
      <mat-form-field>
        <mat-label>At most N episodes queued automatically per run</mat-label>
        <input matInput type="number" formControlName="max_auto_queue" />
      </mat-form-field>
      <div>
        <button mat-flat-button type="submit" [disabled]="store.saving()">Save</button>
      </div>
    </form>

    <h2>Jobs</h2>
    <table class="jobs" data-testid="jobs">
      <thead>
        <tr>
          <th>Job</th>
          <th>Schedule</th>
          <th>Last run</th>
          <th>Next run</th>
          <th></th>
        </tr>
      </thead>
      <tbody>
        @for (job of store.view()?.jobs ?? []; track job.name) {
          <tr [attr.data-job]="job.name">
            <td>
              <strong>{{ job.name }}</strong>
              <div class="muted">{{ job.description }}</div>
            </td>
            <td>{{ job.schedule }}</td>
            <td>
              @if (job.last_run; as last) {
                <span [class]="'outcome-' + last.outcome">{{ last.outcome ?? 'running' }}</span>
                {{ last.started_at | date: 'short' }}
                @if (last.duration_ms !== null) {
                  ({{ last.duration_ms / 1000 | number: '1.0-1' }} s)
                }
                @if (last.message) {
                  <div class="muted">{{ last.message }}</div>
                }
              } @else {
                <span class="muted">never</span>
              }
            </td>
            <td>{{ job.next_run ? (job.next_run | date: 'short') : '—' }}</td>
            <td>
              <button
                mat-stroked-button
                type="button"
                [disabled]="job.running"
                (click)="store.run(job.name)"
                [attr.aria-label]="'Run ' + job.name + ' now'"
              >
                {{ job.running ? 'Running…' : 'Run now' }}
              </button>
              @if (store.runError()?.job === job.name) {
                <aw-error [error]="store.runError()!.error" />
              }
            </td>
          </tr>
        }
      </tbody>
    </table>
  `,
  styles: `
    h1 {
      font: var(--mat-sys-headline-medium);
      margin: 8px 0;
    }
    .form {
      display: flex;
      flex-direction: column;
      max-width: 420px;
      gap: 4px;
    }
    .jobs {
      width: 100%;
      border-collapse: collapse;
    }
    .jobs th,
    .jobs td {
      text-align: left;
      padding: 6px 8px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
      vertical-align: top;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .field-error {
      color: var(--mat-sys-error);
      font: var(--mat-sys-body-small);
      margin: -12px 0 8px;
    }
    .outcome-failed {
      color: var(--mat-sys-error);
    }
  `,
})
export class SchedulePage {
  protected readonly store = inject(ScheduleStore);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly form = this.fb.group({
    enabled: true,
    schedule_time: '03:00',
    timezone: '',
    interval_minutes: null as number | null,
    new_episodes_interval_minutes: 60,
    max_auto_queue: 50,
  });

  constructor() {
    void this.store.load();
    // Fill the form once the settings arrive (and after each save).
    effect(() => {
      const settings = this.store.view()?.settings;
      if (!settings) return;
      this.form.reset({
        enabled: settings.enabled,
        schedule_time: settings.schedule_time,
        timezone: settings.timezone ?? '',
        interval_minutes: settings.interval_minutes,
        new_episodes_interval_minutes: settings.new_episodes_interval_minutes,
        max_auto_queue: settings.max_auto_queue,
      });
    });
  }

  protected errorOf(field: string): string | null {
    return (
      this.store
        .fieldErrors()
        .find((e) => e.field === field)
        ?.errors.join('; ') ?? null
    );
  }

  protected async save(): Promise<void> {
    const v = this.form.getRawValue();
    await this.store.save({
      enabled: v.enabled,
      schedule_time: v.schedule_time,
      timezone: v.timezone.trim() || null,
      interval_minutes: v.interval_minutes ? Number(v.interval_minutes) : null,
      new_episodes_interval_minutes: Number(v.new_episodes_interval_minutes),
      max_auto_queue: Number(v.max_auto_queue),
    });
  }
}
