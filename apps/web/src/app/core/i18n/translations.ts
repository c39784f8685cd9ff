import { registerLocaleData } from '@angular/common';
import { loadTranslations } from '@angular/localize';
import type { Language } from './language';

/**
 * Load the runtime translations and the locale data (dates, numbers, plural rules) of a language.
 * Runs before any module that holds translated text is imported (see main.ts). English needs
 * nothing: it is the source text.
 */
export async function applyLanguage(language: Language): Promise<void> {
  document.documentElement.lang = language;
  if (language === 'en') return;
  const [messages, locale] = await Promise.all([
    import('../../../locale/messages.de.json'),
    import('@angular/common/locales/de'),
  ]);
  registerLocaleData(locale.default, 'de');
  loadTranslations(messages.translations);
}
