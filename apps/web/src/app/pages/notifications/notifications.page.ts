import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { RouterLink } from '@angular/router';
import { ErrorMessageComponent } from '../../common/error-message.component';
import { formatAgo } from '../../common/format';
import { NotificationsStore } from '../../stores/notifications.store';

@Component({
  selector: 'aw-notifications-page',
  imports: [DatePipe, RouterLink, MatButtonModule, MatProgressSpinnerModule, ErrorMessageComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="heading">
      <h1 i18n="@@notifications.title">Notifications</h1>
      <span class="spacer"></span>
      @if (store.unread() > 0) {
        <button
          mat-stroked-button
          type="button"
          (click)="store.markAllRead()"
          data-testid="mark-all-read"
          i18n="@@notifications.markAllRead"
        >
          Mark all read
        </button>
      }
    </div>
    <aw-error [error]="store.error()" />
    @if (store.markError()?.id === '*') {
      <aw-error [error]="store.markError()!.error" />
    }
    @if (store.loading() && !store.items()) {
      <div class="center">
        <mat-spinner
          diameter="40"
          aria-label="Loading notifications"
          i18n-aria-label="@@notifications.loading"
        />
      </div>
    } @else if (store.items(); as items) {
      @if (items.length === 0) {
        <p class="muted" data-testid="notifications-empty" i18n="@@notifications.empty">
          Nothing yet. Finished and failed downloads and scans show up here.
        </p>
      } @else {
        <ul class="list" aria-live="polite" data-testid="notifications">
          @for (n of items; track n.id) {
            <li [class.unread]="!n.read" [class]="'level-' + n.level" [attr.data-id]="n.id">
              <div class="body">
                <span class="title">{{ n.title }}</span>
                <span class="message">{{ n.message }}</span>
                <span class="muted">
                  <time
                    [attr.datetime]="n.created_at"
                    [attr.title]="n.created_at | date: 'medium'"
                    data-testid="notification-time"
                    >{{ ago(n.created_at, now()) }}</time
                  >
                  @if (n.key) {
                    ·
                    <a [routerLink]="['/series', n.key]" i18n="@@notifications.openSeries"
                      >open series</a
                    >
                  }
                </span>
                @if (store.markError()?.id === n.id) {
                  <aw-error [error]="store.markError()!.error" />
                }
              </div>
              @if (!n.read) {
                <button
                  mat-button
                  type="button"
                  (click)="store.markRead(n.id)"
                  [attr.aria-label]="markReadLabel(n.title)"
                  i18n="@@notifications.markRead"
                >
                  Mark read
                </button>
              }
            </li>
          }
        </ul>
      }
    }
  `,
  styles: `
    .heading {
      display: flex;
      align-items: center;
      flex-wrap: wrap;
      gap: 8px;
    }
    .spacer {
      flex: 1;
    }
    h1 {
      font: var(--mat-sys-headline-medium);
      margin: 8px 0;
    }
    .center {
      display: flex;
      justify-content: center;
      padding: 32px;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .list {
      list-style: none;
      padding: 0;
      margin: 0;
    }
    li {
      display: flex;
      flex-wrap: wrap;
      justify-content: flex-end;
      align-items: flex-start;
      gap: 8px;
      padding: 10px 12px;
      border-left: 4px solid transparent;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    li.unread {
      background: var(--mat-sys-surface-container);
    }
    li.level-error {
      border-left-color: var(--mat-sys-error);
    }
    li.level-success {
      border-left-color: var(--mat-sys-primary);
    }
    li.level-warning {
      border-left-color: var(--mat-sys-tertiary);
    }
    .body {
      /* On a phone the button goes below the text instead of squeezing it. */
      flex: 1 1 240px;
      display: flex;
      flex-direction: column;
      gap: 2px;
      min-width: 0;
    }
    .title {
      font: var(--mat-sys-title-small);
    }
    .message {
      word-break: break-word;
    }
  `,
})
export class NotificationsPage {
  readonly store = inject(NotificationsStore);
  readonly ago = formatAgo;
  /** Moves on every half minute so "5 minutes ago" stays true while the page is open. */
  readonly now = signal(Date.now());

  constructor() {
    void this.store.load();
    const tick = setInterval(() => this.now.set(Date.now()), 30_000);
    inject(DestroyRef).onDestroy(() => clearInterval(tick));
  }

  markReadLabel(title: string): string {
    return $localize`:@@notifications.markReadLabel:Mark ${title}:title: as read`;
  }
}
