/**
 * The interface language: English (the source text in templates and code) or German
 * (`src/locale/messages.de.json`). Chosen once before the app starts — the user's stored choice,
 * else the browser's first language we have — and switched by storing a new choice and reloading,
 * because runtime translations are applied when the code that holds the text first runs.
 * See docs/i18n.md.
 */
export const LANGUAGES = ['en', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];

export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', de: 'Deutsch' };

const STORAGE_KEY = 'aniworld.language';

function isLanguage(value: unknown): value is Language {
  return (LANGUAGES as readonly unknown[]).includes(value);
}

function storedLanguage(): Language | null {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return isLanguage(stored) ? stored : null;
  } catch {
    return null;
  }
}

/** The first of the browser's preferred languages that the app speaks, else English. */
export function browserLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const primary = tag.toLowerCase().split('-')[0];
    if (isLanguage(primary)) return primary;
  }
  return 'en';
}

let current: Language | null = null;

/** The language this page load runs in. */
export function currentLanguage(): Language {
  current ??=
    storedLanguage() ??
    browserLanguage(typeof navigator === 'undefined' ? [] : (navigator.languages ?? []));
  return current;
}

/** Remember the choice and reload the app in it. */
export function switchLanguage(
  language: Language,
  reload: () => void = () => location.reload(),
): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // no storage: the choice lasts for this reload only
  }
  current = language;
  document.documentElement.lang = language;
  reload();
}
