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
import {
  LANGUAGE_NAMES,
  type Language,
  currentLanguage,
  switchLanguage,
} from './core/i18n/language';
import { LoadingBarComponent } from './core/ui/loading-bar.component';
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
  { path: '/', label: $localize`:@@nav.library:Library`, icon: 'library', exact: true },
  { path: '/search', label: $localize`:@@nav.search:Search and add`, icon: 'search', exact: false },
  { path: '/queue', label: $localize`:@@nav.queue:Queue`, icon: 'queue', exact: false },
  { path: '/wanted', label: $localize`:@@nav.wanted:Wanted`, icon: 'star', exact: false },
  { path: '/calendar', label: $localize`:@@nav.calendar:Calendar`, icon: 'calendar', exact: false },
  { path: '/schedule', label: $localize`:@@nav.schedule:Schedule`, icon: 'clock', exact: false },
  {
    path: '/notifications',
    label: $localize`:@@nav.notifications:Notifications`,
    icon: 'bell',
    exact: true,
  },
  {
    path: '/notifications/channels',
    label: $localize`:@@nav.channels:Channels`,
    icon: 'send',
    exact: false,
  },
  { path: '/settings', label: $localize`:@@nav.settings:Settings`, icon: 'settings', exact: false },
  { path: '/system', label: $localize`:@@nav.system:System`, icon: 'health', exact: false },
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
    LoadingBarComponent,
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

  readonly liveLabel = computed(() =>
    this.socket.connected()
      ? $localize`:@@shell.liveConnected:Live updates connected`
      : $localize`:@@shell.liveDisconnected:Live updates disconnected`,
  );
  readonly themeLabel = computed(() =>
    this.theme.theme() === 'dark'
      ? $localize`:@@shell.toLightTheme:Switch to light theme`
      : $localize`:@@shell.toDarkTheme:Switch to dark theme`,
  );
  readonly unreadLabel = computed(
    () => $localize`:@@shell.unread:${this.notifications.unread()}:count: unread`,
  );
  readonly otherLanguage: Language = currentLanguage() === 'de' ? 'en' : 'de';
  readonly switchLanguageLabel = $localize`:@@shell.switchLanguage:Switch the language to ${
    LANGUAGE_NAMES[this.otherLanguage]
  }:language:`;

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

  switchLanguage(): void {
    switchLanguage(this.otherLanguage);
  }

  closeOnHandset(): void {
    if (this.handset()) void this.sidenav()?.close();
  }

  async logout(): Promise<void> {
    await this.session.logout();
    await this.router.navigate(['/login']);
  }
}
