import { ChangeDetectionStrategy, Component, DestroyRef, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { HealthStore } from '../stores/health.store';
import { IconComponent } from './icon.component';

/** How often the shell asks the server how it is. */
const HEALTH_POLL_MS = 60_000;

/** A banner over every page while a critical check fails (no library, database down, …). */
@Component({
  selector: 'aw-health-banner',
  imports: [RouterLink, IconComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (store.critical().length) {
      <div class="banner" role="alert" data-testid="health-banner">
        <aw-icon name="warning" />
        <div class="text">
          @for (failure of store.critical(); track failure.name) {
            <p>{{ failure.check.message }}</p>
          }
        </div>
        <a routerLink="/system" i18n="@@shell.systemStatus">System status</a>
      </div>
    }
  `,
  styles: `
    .banner {
      display: flex;
      align-items: flex-start;
      gap: 8px;
      margin: 0 0 12px;
      padding: 8px 12px;
      border-radius: 8px;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .text {
      flex: 1;
      min-width: 0;
    }
    p {
      margin: 2px 0;
      word-break: break-word;
    }
    a {
      color: inherit;
      white-space: nowrap;
    }
  `,
})
export class HealthBannerComponent {
  readonly store = inject(HealthStore);

  constructor() {
    void this.store.refresh();
    const poll = setInterval(() => void this.store.refresh(), HEALTH_POLL_MS);
    inject(DestroyRef).onDestroy(() => clearInterval(poll));
  }
}
