import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { ErrorMessageComponent } from '../../common/error-message.component';
import { formatBytes } from '../../common/format';
import { SettingsStore } from '../../stores/settings.store';

@Component({
  selector: 'aw-backups',
  imports: [DatePipe, MatButtonModule, ErrorMessageComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <aw-error [error]="store.backupsError()" />
    <aw-error [error]="store.restoreError()" [prefix]="restoreFailed" />
    @if (store.backups(); as backups) {
      @if (backups.length === 0) {
        <p class="muted" data-testid="no-backups" i18n="@@settings.backups.none">
          No backups yet. Each save keeps the previous settings here.
        </p>
      } @else {
        <ul class="backups" data-testid="backups">
          @for (b of backups; track b.name) {
            <li>
              <span class="name">{{ b.created_at | date: 'medium' }}</span>
              <span class="muted">{{ size(b.size_bytes) }}</span>
              <button
                mat-stroked-button
                type="button"
                [disabled]="store.restoring() !== null"
                (click)="store.restore(b.name)"
                [attr.aria-label]="restoreLabel(b.created_at | date: 'medium')"
                data-testid="restore-backup"
              >
                @if (store.restoring() === b.name) {
                  <ng-container i18n="@@settings.backups.restoring">Restoring…</ng-container>
                } @else {
                  <ng-container i18n="@@settings.backups.restore">Restore</ng-container>
                }
              </button>
            </li>
          }
        </ul>
      }
    } @else {
      <p class="muted" i18n="@@settings.backups.loading">Loading backups…</p>
    }
  `,
  styles: `
    .backups {
      list-style: none;
      padding: 0;
      margin: 0;
      max-width: 560px;
    }
    li {
      display: flex;
      align-items: center;
      flex-wrap: wrap;
      gap: 8px 12px;
      padding: 4px 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .name {
      flex: 1;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class BackupsComponent {
  readonly store = inject(SettingsStore);
  readonly size = formatBytes;
  readonly restoreFailed = $localize`:@@settings.backups.restoreFailed:Restore failed: `;

  restoreLabel(date: string | null): string {
    return $localize`:@@settings.backups.restoreLabel:Restore the backup of ${date ?? ''}:date:`;
  }
}
