import { BreakpointObserver } from '@angular/cdk/layout';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  viewChild,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatBadgeModule } from '@angular/material/badge';
import { MatButtonModule } from '@angular/material/button';
import { MatListModule } from '@angular/material/list';
import { MatSidenav, MatSidenavModule } from '@angular/material/sidenav';
import { MatToolbarModule } from '@angular/material/toolbar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { NavigationEnd, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { filter, map } from 'rxjs';
import { SessionStore } from './core/auth/session.store';
import { SocketService } from './core/socket/socket.service';
import { ThemeService } from './core/ui/theme.service';
import { IconComponent, type IconName } from './common/icon.component';
import { HealthBannerComponent } from './common/health-banner.component';
import { NotificationsStore } from './stores/notifications.store';
import { QueueStore } from './stores/queue.store';
import { ToastService } from './stores/toast.service';

interface NavLink {
  path: string;
  label: string;
  icon: IconName;
  exact: boolean;
}

const NAV: NavLink[] = [
  { path: '/', label: 'Library', icon: 'library', exact: true },
  { path: '/search', label: 'Search and add', icon: 'search', exact: false },
  { path: '/queue', label: 'Queue', icon: 'queue', exact: false },
  { path: '/wanted', label: 'Wanted', icon: 'star', exact: false },
  { path: '/calendar', label: 'Calendar', icon: 'calendar', exact: false },
  { path: '/schedule', label: 'Schedule', icon: 'clock', exact: false },
  { path: '/notifications', label: 'Notifications', icon: 'bell', exact: true },
  { path: '/notifications/channels', label: 'Channels', icon: 'send', exact: false },
  { path: '/settings', label: 'Settings', icon: 'settings', exact: false },
  { path: '/system', label: 'System', icon: 'health', exact: false },
];

@Component({
  selector: 'aw-root',
  imports: [
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    MatToolbarModule,
    MatSidenavModule,
    MatListModule,
    MatButtonModule,
    MatBadgeModule,
    MatTooltipModule,
    IconComponent,
    HealthBannerComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './app.component.html',
  styleUrl: './app.component.scss',
})
export class AppComponent {
  private readonly router = inject(Router);
  private readonly toasts = inject(ToastService);
  readonly session = inject(SessionStore);
  readonly theme = inject(ThemeService);
  readonly socket = inject(SocketService);
  readonly notifications = inject(NotificationsStore);
  private readonly queue = inject(QueueStore);
  readonly nav = NAV;
  readonly sidenav = viewChild(MatSidenav);

  readonly handset = toSignal(
    inject(BreakpointObserver)
      .observe('(max-width: 959.98px)')
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );
  /** Setup and login pages stand alone, without navigation. */
  readonly bare = toSignal(
    this.router.events.pipe(
      filter((e): e is NavigationEnd => e instanceof NavigationEnd),
      map((e) => /^\/(setup|login)(\?|$)/.test(e.urlAfterRedirects)),
    ),
    { initialValue: true },
  );
  readonly showNav = computed(() => this.session.authenticated() && !this.bare());

  constructor() {
    effect(() => {
      if (this.session.authenticated()) {
        this.toasts.start();
        void this.notifications.load();
        // The running downloads, for the tab title on every page.
        void this.queue.loadStatus();
      }
    });
  }

  closeOnHandset(): void {
    if (this.handset()) void this.sidenav()?.close();
  }

  async logout(): Promise<void> {
    await this.session.logout();
    await this.router.navigate(['/login']);
  }
}
