import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import {
  CHANNEL_KINDS,
  type ChannelKind,
  NOTIFICATION_EVENTS,
  type NotificationEventId,
} from '@aniworld/contracts';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { ErrorMessageComponent } from '../../common/error-message.component';
import { ChannelsStore } from '../../stores/channels.store';

/** The services' own names, the same in every language. */
const KIND_LABELS: Record<ChannelKind, string> = {
  webhook: 'Webhook',
  ntfy: 'ntfy',
  discord: 'Discord',
  telegram: 'Telegram',
  gotify: 'Gotify',
};

/** What an event is, in words (the ids are the wire's). */
function eventLabel(event: NotificationEventId): string {
  switch (event) {
    case 'download_completed':
      return $localize`:@@channels.event.downloadCompleted:Download completed`;
    case 'download_failed':
      return $localize`:@@channels.event.downloadFailed:Download failed`;
    case 'episodes_queued':
      return $localize`:@@channels.event.episodesQueued:Episodes queued`;
    case 'challenge_required':
      return $localize`:@@channels.event.challengeRequired:A site asks for a captcha`;
    case 'disk_problem':
      return $localize`:@@channels.event.diskProblem:Disk problem`;
    case 'scan_unmatched':
      return $localize`:@@channels.event.scanUnmatched:Unmatched folders after a scan`;
  }
}

/** Outbound notification channels: add one, choose its events, test it. */
@Component({
  selector: 'aw-channels-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatSlideToggleModule,
    ErrorMessageComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1 i18n="@@channels.title">Notification channels</h1>
    <aw-error [error]="store.error()" />
    <ul class="list" data-testid="channels">
      @for (c of store.channels() ?? []; track c.id) {
        <li [attr.data-id]="c.id">
          <div class="body">
            <strong translate="no">{{ c.name }}</strong>
            <span class="muted kind" translate="no">{{ kindLabel(c.kind) }}</span>
            @if (c.events.length) {
              <div class="muted" data-testid="channel-events">{{ eventList(c.events) }}</div>
            } @else {
              <div class="muted" data-testid="channel-events" i18n="@@channels.noEvents">
                no events
              </div>
            }
            @if (c.failing) {
              <div class="error" role="alert" i18n="@@channels.failing">
                Flagged as failing: {{ c.last_error }}
              </div>
            } @else if (c.last_error) {
              <div class="muted" i18n="@@channels.lastError">Last error: {{ c.last_error }}</div>
            }
            @if (store.tests()[c.id]; as result) {
              @if (result.ok) {
                <div class="ok" data-testid="test-result" i18n="@@channels.testDelivered">
                  Test delivered
                </div>
              } @else {
                <div class="error" data-testid="test-result" i18n="@@channels.testFailed">
                  Test failed: {{ result.error }}
                </div>
              }
            }
          </div>
          <mat-slide-toggle
            [checked]="c.enabled"
            (change)="store.setEnabled(c.id, $event.checked)"
            [aria-label]="enableLabel(c.name)"
          />
          <button
            mat-stroked-button
            type="button"
            (click)="store.test(c.id)"
            i18n="@@channels.test"
          >
            Test
          </button>
          <button mat-button type="button" (click)="store.remove(c.id)" i18n="@@channels.delete">
            Delete
          </button>
        </li>
      } @empty {
        <li class="muted" i18n="@@channels.empty">No channels yet.</li>
      }
    </ul>

    <h2 i18n="@@channels.addTitle">Add a channel</h2>
    <form [formGroup]="form" (ngSubmit)="add()" class="form">
      <mat-form-field>
        <mat-label i18n="@@channels.name">Name</mat-label>
        <input matInput formControlName="name" />
      </mat-form-field>
      <mat-form-field>
        <mat-label i18n="@@channels.kind">Kind</mat-label>
        <mat-select formControlName="kind">
          @for (k of kinds; track k) {
            <mat-option [value]="k" translate="no">{{ kindLabel(k) }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      @switch (form.controls.kind.value) {
        @case ('webhook') {
          <mat-form-field>
            <mat-label i18n="@@channels.url">URL</mat-label>
            <input matInput formControlName="url" />
          </mat-form-field>
          <mat-form-field>
            <mat-label i18n="@@channels.signingSecret">Signing secret (optional)</mat-label>
            <input matInput type="password" formControlName="secret" />
          </mat-form-field>
        }
        @case ('discord') {
          <mat-form-field>
            <mat-label i18n="@@channels.webhookUrl">Webhook URL</mat-label>
            <input matInput type="password" formControlName="webhook_url" />
          </mat-form-field>
        }
        @default {
          <mat-form-field>
            <mat-label i18n="@@channels.serverUrl">Server URL (empty = the public one)</mat-label>
            <input matInput formControlName="base_url" />
          </mat-form-field>
          @if (form.controls.kind.value === 'ntfy') {
            <mat-form-field>
              <mat-label i18n="@@channels.topic">Topic</mat-label>
              <input matInput formControlName="topic" />
            </mat-form-field>
          }
          @if (form.controls.kind.value === 'telegram') {
            <mat-form-field>
              <mat-label i18n="@@channels.chatId">Chat id</mat-label>
              <input matInput formControlName="chat_id" />
            </mat-form-field>
          }
          <mat-form-field>
            <mat-label i18n="@@channels.token">Token</mat-label>
            <input matInput type="password" formControlName="token" />
          </mat-form-field>
        }
      }
      <fieldset>
        <legend i18n="@@channels.events">Events</legend>
        @for (e of events; track e) {
          <mat-checkbox [checked]="chosen.has(e)" (change)="toggle(e, $event.checked)">
            {{ eventLabel(e) }}
          </mat-checkbox>
        }
      </fieldset>
      @for (f of store.fieldErrors(); track f.field) {
        <div class="error" role="alert" translate="no">
          {{ f.field }}: {{ f.errors.join('; ') }}
        </div>
      }
      <div><button mat-flat-button type="submit" i18n="@@channels.add">Add</button></div>
    </form>
  `,
  styles: `
    h1 {
      font: var(--mat-sys-headline-medium);
      margin: 8px 0;
      /* "Benachrichtigungskanäle" is wider than a phone. */
      hyphens: auto;
      overflow-wrap: anywhere;
    }
    .list {
      list-style: none;
      padding: 0;
    }
    li {
      display: flex;
      align-items: center;
      gap: 8px;
      padding: 8px 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .body {
      flex: 1;
    }
    .kind {
      margin-left: 0.5em;
    }
    .form {
      display: flex;
      flex-direction: column;
      max-width: 480px;
    }
    fieldset {
      display: flex;
      flex-wrap: wrap;
      border: none;
      padding: 0;
      margin-bottom: 8px;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .error {
      color: var(--mat-sys-error);
    }
    .ok {
      color: var(--mat-sys-primary);
    }
  `,
})
export class ChannelsPage {
  protected readonly store = inject(ChannelsStore);
  protected readonly kinds = CHANNEL_KINDS;
  protected readonly events = NOTIFICATION_EVENTS;
  protected chosen = new Set<NotificationEventId>(['download_completed', 'download_failed']);
  protected readonly form = inject(NonNullableFormBuilder).group({
    name: '',
    kind: 'webhook' as ChannelKind,
    url: '',
    base_url: '',
    topic: '',
    chat_id: '',
    secret: '',
    token: '',
    webhook_url: '',
  });

  constructor() {
    void this.store.load();
  }

  protected kindLabel(kind: ChannelKind): string {
    return KIND_LABELS[kind];
  }

  protected eventLabel(event: NotificationEventId): string {
    return eventLabel(event);
  }

  protected eventList(events: readonly NotificationEventId[]): string {
    return events.map(eventLabel).join(', ');
  }

  protected enableLabel(name: string): string {
    return $localize`:@@channels.enable:Enable ${name}:name:`;
  }

  protected toggle(event: NotificationEventId, on: boolean): void {
    const next = new Set(this.chosen);
    if (on) next.add(event);
    else next.delete(event);
    this.chosen = next;
  }

  protected async add(): Promise<void> {
    const v = this.form.getRawValue();
    const pick = (value: string) => value.trim() || undefined;
    const created = await this.store.create({
      name: v.name.trim(),
      kind: v.kind,
      events: [...this.chosen],
      settings: {
        url: pick(v.url),
        base_url: pick(v.base_url),
        topic: pick(v.topic),
        chat_id: pick(v.chat_id),
      },
      secrets: {
        secret: pick(v.secret),
        token: pick(v.token),
        webhook_url: pick(v.webhook_url),
      },
    });
    if (created) this.form.reset({ kind: v.kind });
  }
}
