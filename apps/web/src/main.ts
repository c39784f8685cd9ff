import { LOCALE_ID } from '@angular/core';
import { currentLanguage } from './app/core/i18n/language';
import { applyLanguage } from './app/core/i18n/translations';

/**
 * Translations must be in place before any code that holds translated text runs, so the app is
 * imported only after they are loaded (docs/i18n.md).
 */
async function start(): Promise<void> {
  const language = currentLanguage();
  await applyLanguage(language);
  const [{ bootstrapApplication }, { AppComponent }, { appConfig }] = await Promise.all([
    import('@angular/platform-browser'),
    import('./app/app.component'),
    import('./app/app.config'),
  ]);
  await bootstrapApplication(AppComponent, {
    ...appConfig,
    providers: [...appConfig.providers, { provide: LOCALE_ID, useValue: language }],
  });
}

start().catch((error: unknown) => console.error(error));
