import type { Routes } from '@angular/router';
import { authGuard, loginGuard, setupGuard } from './core/auth/auth.guards';

export const appRoutes: Routes = [
  {
    path: 'setup',
    title: $localize`:@@title.setup:Setup` + ' · Aniworld',
    canActivate: [setupGuard],
    loadComponent: () => import('./pages/setup/setup.page').then((m) => m.SetupPage),
  },
  {
    path: 'login',
    title: $localize`:@@title.login:Log in` + ' · Aniworld',
    canActivate: [loginGuard],
    loadComponent: () => import('./pages/login/login.page').then((m) => m.LoginPage),
  },
  {
    path: '',
    canActivateChild: [authGuard],
    children: [
      {
        path: '',
        pathMatch: 'full',
        title: $localize`:@@title.library:Library` + ' · Aniworld',
        loadComponent: () => import('./pages/library/library.page').then((m) => m.LibraryPage),
      },
      {
        path: 'search',
        title: $localize`:@@title.search:Search and add` + ' · Aniworld',
        loadComponent: () => import('./pages/search/search.page').then((m) => m.SearchPage),
      },
      {
        path: 'series/:key',
        title: $localize`:@@title.series:Series` + ' · Aniworld',
        loadComponent: () => import('./pages/series/series.page').then((m) => m.SeriesPage),
      },
      {
        path: 'queue',
        title: $localize`:@@title.queue:Queue` + ' · Aniworld',
        loadComponent: () => import('./pages/queue/queue.page').then((m) => m.QueuePage),
      },
      {
        path: 'wanted',
        title: $localize`:@@title.wanted:Wanted` + ' · Aniworld',
        loadComponent: () => import('./pages/wanted/wanted.page').then((m) => m.WantedPage),
      },
      {
        path: 'calendar',
        title: $localize`:@@title.calendar:Calendar` + ' · Aniworld',
        loadComponent: () => import('./pages/calendar/calendar.page').then((m) => m.CalendarPage),
      },
      {
        path: 'schedule',
        title: $localize`:@@title.schedule:Schedule` + ' · Aniworld',
        loadComponent: () => import('./pages/schedule/schedule.page').then((m) => m.SchedulePage),
      },
      {
        path: 'notifications/channels',
        title: $localize`:@@title.channels:Notification channels` + ' · Aniworld',
        loadComponent: () => import('./pages/channels/channels.page').then((m) => m.ChannelsPage),
      },
      {
        path: 'settings',
        title: $localize`:@@title.settings:Settings` + ' · Aniworld',
        loadComponent: () => import('./pages/settings/settings.page').then((m) => m.SettingsPage),
      },
      {
        path: 'system',
        title: $localize`:@@title.system:System` + ' · Aniworld',
        loadComponent: () => import('./pages/system/system.page').then((m) => m.SystemPage),
      },
      {
        path: 'notifications',
        title: $localize`:@@title.notifications:Notifications` + ' · Aniworld',
        loadComponent: () =>
          import('./pages/notifications/notifications.page').then((m) => m.NotificationsPage),
      },
      {
        path: '**',
        title: $localize`:@@title.notFound:Not found` + ' · Aniworld',
        loadComponent: () => import('./pages/not-found/not-found.page').then((m) => m.NotFoundPage),
      },
    ],
  },
];
