import { type Language, currentLanguage } from '../core/i18n/language';

/** How each language writes dates ("7 Apr 2019", "7. Apr. 2019"). */
const DATE_LOCALES: Record<Language, string> = { en: 'en-GB', de: 'de-DE' };

/**
 * A calendar day (`YYYY-MM-DD`) in the chosen language, e.g. `{ weekday: 'long', day: 'numeric',
 * month: 'long' }` → "Monday 30 November" / "Montag, 30. November". It is a day, not a moment, so
 * no time zone may shift it. Anything else is shown as it is.
 */
export function formatDay(
  day: string,
  options: Intl.DateTimeFormatOptions,
  language: Language = currentLanguage(),
): string {
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(day) ? new Date(`${day}T00:00:00Z`) : null;
  if (!parsed || Number.isNaN(parsed.getTime())) return day;
  return parsed.toLocaleDateString(DATE_LOCALES[language], { ...options, timeZone: 'UTC' });
}
