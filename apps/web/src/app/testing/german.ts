import { registerLocaleData } from '@angular/common';
import localeDe from '@angular/common/locales/de';
import { loadTranslations } from '@angular/localize';
import { switchLanguage } from '../core/i18n/language';
import german from '../../locale/messages.de.json';

/**
 * Runs this spec file in German, as `main.ts` starts the app for a German user: the translations
 * and the `de` locale data loaded, `currentLanguage()` German. Call it before the first render
 * (each spec file has its own globals, so the other files stay English). Provide
 * `{ provide: LOCALE_ID, useValue: 'de' }` for pipes and plurals.
 */
export function speakGerman(): void {
  registerLocaleData(localeDe, 'de');
  loadTranslations(german.translations);
  switchLanguage('de', () => undefined);
}
