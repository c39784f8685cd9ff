import { DatePipe, DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, effect, inject } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import type { JobOutcome, SchedulerJob } from '@aniworld/contracts';
import { ErrorMessageComponent } from '../../common/error-message.component';
import { ScheduleStore } from '../../stores/schedule.store';

/** The jobs the server registers, in the interface language; others show the server's words. */
function jobTitle(job: SchedulerJob): string {
  switch (job.name) {
    case 'library_rescan':
      return $localize`:@@schedule.job.libraryRescan:Library scan`;
    case 'new_episodes':
      return $localize`:@@schedule.job.newEpisodes:New episodes`;
    case 'housekeeping':
      return $localize`:@@schedule.job.housekeeping:Housekeeping`;
    case 'arr_catalogue_refresh':
      return $localize`:@@schedule.job.arrCatalogue:Torznab catalogue`;
    case 'arr_library_warm':
      return $localize`:@@schedule.job.arrWarm:Torznab cache`;
    default:
      return job.name;
  }
}

function jobDescription(job: SchedulerJob): string {
  switch (job.name) {
    case 'library_rescan':
      return $localize`:@@schedule.job.libraryRescanText:Scan the anime directory, then queue the missing episodes of monitored series`;
    case 'new_episodes':
      return $localize`:@@schedule.job.newEpisodesText:Read the sites' new and announced episodes (the calendar) and queue what monitored series miss`;
    case 'housekeeping':
      return $localize`:@@schedule.job.housekeepingText:Remove expired sessions, old notifications and old finished queue items`;
    case 'arr_catalogue_refresh':
      return $localize`:@@schedule.job.arrCatalogueText:Refresh the Torznab title catalogue from both sites' A–Z lists`;
    case 'arr_library_warm':
      return $localize`:@@schedule.job.arrWarmText:Warm the Torznab availability cache for the series of the library`;
    default:
      return job.description;
  }
}

/** The server's `daily 03:00 Europe/Berlin`, `every 60 min` or `on demand` in words. */
function scheduleText(schedule: string): string {
  const daily = /^daily (\d{1,2}:\d{2}) (\S+)$/.exec(schedule);
  if (daily) return $localize`:@@schedule.daily:daily ${daily[1]}:time: ${daily[2]}:zone:`;
  const every = /^every (\d+) (min|s)$/.exec(schedule);
  if (every?.[2] === 'min') return $localize`:@@schedule.everyMinutes:every ${every[1]}:count: min`;
  if (every) return $localize`:@@schedule.everySeconds:every ${every[1]}:count: s`;
  if (schedule === 'on demand') return $localize`:@@schedule.onDemand:on demand`;
  return schedule;
}

function outcomeText(outcome: JobOutcome | null): string {
  switch (outcome) {
    case 'succeeded':
      return $localize`:@@schedule.outcome.succeeded:succeeded`;
    case 'failed':
      return $localize`:@@schedule.outcome.failed:failed`;
    case 'skipped':
      return $localize`:@@schedule.outcome.skipped:skipped`;
    case null:
      return $localize`:@@schedule.outcome.running:running`;
  }
}

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
    <h1 i18n="@@schedule.title">Schedule</h1>
    <aw-error [error]="store.error()" />
    <form [formGroup]="form" (ngSubmit)="save()" class="form" data-testid="schedule-form">
      <mat-slide-toggle formControlName="enabled" i18n="@@schedule.enabled"
        >Run jobs on their schedule</mat-slide-toggle
      >
      <mat-form-field>
        <mat-label i18n="@@schedule.time">Daily rescan at (HH:MM)</mat-label>
        <input matInput formControlName="schedule_time" name="schedule_time" />
      </mat-form-field>
      @if (errorOf('schedule_time'); as message) {
        <div class="field-error" role="alert" data-testid="schedule-time-error">{{ message }}</div>
      }
      <mat-form-field>
        <mat-label i18n="@@schedule.timezone">Time zone (empty = the server's)</mat-label>
        <input matInput formControlName="timezone" placeholder="Europe/Berlin" translate="no" />
      </mat-form-field>
      <mat-form-field>
        <mat-label i18n="@@schedule.interval">Or rescan every N minutes</mat-label>
        <input matInput type="number" formControlName="interval_minutes" />
      </mat-form-field>
      <mat-form-field>
        <mat-label i18n="@@schedule.newEpisodesInterval"
          >New-episodes check every N minutes</mat-label
        >
        <input matInput type="number" formControlName="new_episodes_interval_minutes" />
      </mat-form-field>
      <mat-form-field>
        <mat-label i18n="@@schedule.maxAutoQueue"
          >At most N episodes queued automatically per run</mat-label
        >
        <input matInput type="number" formControlName="max_auto_queue" />
      </mat-form-field>
      <div>
        <button mat-flat-button type="submit" [disabled]="store.saving()" i18n="@@schedule.save">
          Save
        </button>
      </div>
    </form>

    <h2 i18n="@@schedule.jobs">Jobs</h2>
    <table class="jobs" data-testid="jobs">
      <thead>
        <tr>
          <th>{{ labels.job }}</th>
          <th>{{ labels.schedule }}</th>
          <th>{{ labels.lastRun }}</th>
          <th>{{ labels.nextRun }}</th>
          <th><span class="cdk-visually-hidden" i18n="@@schedule.actions">Actions</span></th>
        </tr>
      </thead>
      <tbody>
        @for (job of store.view()?.jobs ?? []; track job.name) {
          <tr [attr.data-job]="job.name">
            <td>
              <strong>{{ title(job) }}</strong>
              <div class="muted">{{ description(job) }}</div>
            </td>
            <td [attr.data-label]="labels.schedule">{{ scheduleText(job.schedule) }}</td>
            <td [attr.data-label]="labels.lastRun">
              @if (job.last_run; as last) {
                <span [class]="'outcome-' + last.outcome">{{ outcomeText(last.outcome) }}</span>
                {{ last.started_at | date: 'short' }}
                @if (last.duration_ms !== null) {
                  <span translate="no">({{ last.duration_ms / 1000 | number: '1.0-1' }} s)</span>
                }
                @if (last.message) {
                  <div class="muted">{{ last.message }}</div>
                }
              } @else {
                <span class="muted" i18n="@@schedule.never">never</span>
              }
            </td>
            <td [attr.data-label]="labels.nextRun">
              {{ job.next_run ? (job.next_run | date: 'short') : '—' }}
            </td>
            <td class="run">
              <button
                mat-stroked-button
                type="button"
                [disabled]="job.running"
                (click)="store.run(job.name)"
                [attr.aria-label]="runLabel(job)"
              >
                @if (job.running) {
                  <ng-container i18n="@@schedule.running">Running…</ng-container>
                } @else {
                  <ng-container i18n="@@schedule.runNow">Run now</ng-container>
                }
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
    /* A phone: each job as a block, the column names in front of the values. */
    @media (max-width: 599.98px) {
      .jobs thead {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip-path: inset(50%);
      }
      .jobs,
      .jobs tbody {
        display: block;
      }
      .jobs tr {
        display: grid;
        grid-template-columns: 1fr auto;
        column-gap: 8px;
        padding: 6px 0;
        border-bottom: 1px solid var(--mat-sys-outline-variant);
      }
      .jobs td {
        display: block;
        padding: 2px 0;
        border: none;
      }
      .jobs td:first-child {
        grid-column: 1 / -1;
      }
      .jobs td[data-label]::before {
        content: attr(data-label) ': ';
        color: var(--mat-sys-on-surface-variant);
      }
      .jobs td.run {
        grid-column: 2;
        grid-row: 2 / span 3;
        align-self: center;
      }
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

  /** Column names, also shown before each value when a phone stacks the table. */
  protected readonly labels = {
    job: $localize`:@@schedule.job:Job`,
    schedule: $localize`:@@schedule.schedule:Schedule`,
    lastRun: $localize`:@@schedule.lastRun:Last run`,
    nextRun: $localize`:@@schedule.nextRun:Next run`,
  };
  protected readonly title = jobTitle;
  protected readonly description = jobDescription;
  protected readonly scheduleText = scheduleText;
  protected readonly outcomeText = outcomeText;

  protected runLabel(job: SchedulerJob): string {
    return $localize`:@@schedule.runLabel:Run ${jobTitle(job)}:job: now`;
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
