import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  signal,
} from '@angular/core';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import {
  NavigationCancel,
  NavigationEnd,
  NavigationError,
  NavigationStart,
  Router,
} from '@angular/router';
import { RetryNotice } from '../api/retry-after.interceptor';

/** A navigation quicker than this shows no bar, so fast page changes do not flicker. */
export const LOADING_BAR_DELAY_MS = 120;

/**
 * The shell's thin bar at the top while the router moves between pages (a lazy page's code is
 * loaded, guards wait for the server), and a small notice while reads wait for the server's
 * `Retry-After` (see retry-after.interceptor.ts).
 */
@Component({
  selector: 'aw-loading-bar',
  imports: [MatProgressBarModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (navigating()) {
      <mat-progress-bar
        class="bar"
        mode="indeterminate"
        data-testid="loading-bar"
        aria-label="Loading the page"
        i18n-aria-label="@@shell.loadingPage"
      />
    }
    @if (waitSeconds(); as seconds) {
      <div class="notice" role="status" data-testid="retry-notice">
        <span i18n="@@shell.serverBusy">Server busy: continuing in {{ seconds }} s</span>
      </div>
    }
  `,
  styles: `
    .bar {
      position: fixed;
      inset: 0 0 auto;
      z-index: 1000;
      --mat-progress-bar-track-height: 3px;
      --mat-progress-bar-active-indicator-height: 3px;
    }
    .notice {
      position: fixed;
      right: 12px;
      bottom: 12px;
      z-index: 1000;
      max-width: calc(100vw - 24px);
      box-sizing: border-box;
      padding: 6px 12px;
      border-radius: 16px;
      background: var(--mat-sys-inverse-surface);
      color: var(--mat-sys-inverse-on-surface);
      font: var(--mat-sys-body-small);
    }
  `,
})
export class LoadingBarComponent {
  private readonly notice = inject(RetryNotice);
  readonly navigating = signal(false);
  private readonly now = signal(Date.now());
  /** Whole seconds left of the longest wait for the server, or null. */
  readonly waitSeconds = computed(() => {
    const until = this.notice.until();
    return until === null ? null : Math.max(1, Math.ceil((until - this.now()) / 1000));
  });

  constructor() {
    const destroyRef = inject(DestroyRef);
    let show: ReturnType<typeof setTimeout> | undefined;
    const subscription = inject(Router).events.subscribe((event) => {
      if (event instanceof NavigationStart) {
        clearTimeout(show);
        show = setTimeout(() => this.navigating.set(true), LOADING_BAR_DELAY_MS);
      } else if (
        event instanceof NavigationEnd ||
        event instanceof NavigationCancel ||
        event instanceof NavigationError
      ) {
        clearTimeout(show);
        this.navigating.set(false);
      }
    });
    // The countdown ticks while there is one.
    effect((onCleanup) => {
      if (this.notice.until() === null) return;
      this.now.set(Date.now());
      const tick = setInterval(() => this.now.set(Date.now()), 1000);
      onCleanup(() => clearInterval(tick));
    });
    destroyRef.onDestroy(() => {
      clearTimeout(show);
      subscription.unsubscribe();
    });
  }
}
