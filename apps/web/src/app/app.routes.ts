import type { Routes } from '@angular/router';
import { authGuard, loginGuard, setupGuard } from './core/auth/auth.guards';

export const appRoutes: Routes = [
  {
    path: 'setup',
    title: 'Setup · Aniworld',
    canActivate: [setupGuard],
    loadComponent: () => import('./pages/setup/setup.page').then((m) => m.SetupPage),
  },
  {
    path: 'login',
    title: 'Log in · Aniworld',
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
        title: $localize`:@@library.pageTitle:Library · Aniworld`,
        loadComponent: () => import('./pages/library/library.page').then((m) => m.LibraryPage),
      },
      {
        path: 'search',
        title: $localize`:@@search.pageTitle:Search and add · Aniworld`,
        loadComponent: () => import('./pages/search/search.page').then((m) => m.SearchPage),
      },
      {
        path: 'series/:key',
        title: $localize`:@@series.pageTitle:Series · Aniworld`,
        loadComponent: () => import('./pages/series/series.page').then((m) => m.SeriesPage),
      },
      {
        path: 'queue',
        title: $localize`:@@queue.pageTitle:Queue · Aniworld`,
        loadComponent: () => import('./pages/queue/queue.page').then((m) => m.QueuePage),
      },
      {
        path: 'wanted',
        title: $localize`:@@wanted.pageTitle:Wanted · Aniworld`,
        loadComponent: () => import('./pages/wanted/wanted.page').then((m) => m.WantedPage),
      },
      {
        path: 'calendar',
        title: $localize`:@@calendar.pageTitle:Calendar · Aniworld`,
        loadComponent: () => import('./pages/calendar/calendar.page').then((m) => m.CalendarPage),
      },
      {
        path: 'schedule',
        title: 'Schedule · Aniworld',
        loadComponent: () => import('./pages/schedule/schedule.page').then((m) => m.SchedulePage),
      },
      {
        path: 'notifications/channels',
        title: $localize`:@@channels.pageTitle:Notification channels · Aniworld`,
        loadComponent: () => import('./pages/channels/channels.page').then((m) => m.ChannelsPage),
      },
      {
        path: 'settings',
        title: 'Settings · Aniworld',
        loadComponent: () => import('./pages/settings/settings.page').then((m) => m.SettingsPage),
      },
      {
        path: 'system',
        title: 'System · Aniworld',
        loadComponent: () => import('./pages/system/system.page').then((m) => m.SystemPage),
      },
      {
        path: 'notifications',
        title: $localize`:@@notifications.pageTitle:Notifications · Aniworld`,
        loadComponent: () =>
          import('./pages/notifications/notifications.page').then((m) => m.NotificationsPage),
      },
      {
        path: '**',
        title: 'Not found · Aniworld',
        loadComponent: () => import('./pages/not-found/not-found.page').then((m) => m.NotFoundPage),
      },
    ],
  },
];
