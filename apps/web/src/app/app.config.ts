import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import {
  type ApplicationConfig,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
} from '@angular/core';
import { MAT_SELECT_CONFIG } from '@angular/material/select';
import { TitleStrategy, provideRouter, withComponentInputBinding } from '@angular/router';
import { appRoutes } from './app.routes';
import { retryAfterInterceptor } from './core/api/retry-after.interceptor';
import { authInterceptor } from './core/auth/auth.interceptor';
import { provideChunkReload } from './core/ui/chunk-reload';
import { provideFocusHeading } from './core/ui/focus-heading';
import { ProgressTitleStrategy } from './core/ui/progress-title';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideHttpClient(withFetch(), withInterceptors([authInterceptor, retryAfterInterceptor])),
    provideRouter(appRoutes, withComponentInputBinding()),
    { provide: TitleStrategy, useClass: ProgressTitleStrategy },
    provideFocusHeading(),
    // An option whose value is null ("By preference") is a choice to show, not an empty select.
    { provide: MAT_SELECT_CONFIG, useValue: { canSelectNullableOptions: true } },
    provideChunkReload(),
  ],
};
