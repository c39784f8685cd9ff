import type { LanguageCode, LanguagePair } from '@aniworld/contracts';

export interface AniworldLanguage {
  key: 1 | 2 | 3 | 4;
  flag: string;
  title: string;
  alt: string;
  pair: LanguagePair;
}

/** aniworld `data-lang-key` and flag files (docs/sites.md#aniworld-language-keys). */
export const ANIWORLD_LANGUAGES: Record<LanguageCode, AniworldLanguage> = {
  'german-dub': {
    key: 1,
    flag: 'german.svg',
    title: 'Deutsch',
    alt: 'Deutsche Sprache, Flagge',
    pair: { audio: 'german', subtitles: null },
  },
  'english-sub': {
    key: 2,
    flag: 'japanese-english.svg',
    title: 'Mit englischem Untertitel',
    alt: 'Englische Sprache, Flagge',
    pair: { audio: 'japanese', subtitles: 'english' },
  },
  'german-sub': {
    key: 3,
    flag: 'japanese-german.svg',
    title: 'mit Untertitel Deutsch',
    alt: 'Ger-Sub, Deutscher Untertitel, Flagge, Sprache',
    pair: { audio: 'japanese', subtitles: 'german' },
  },
  'english-dub': {
    key: 4,
    flag: 'english.svg',
    title: 'Englisch',
    alt: 'Englische Sprache, Flagge',
    pair: { audio: 'english', subtitles: null },
  },
};

export interface StoLanguage {
  id: 1 | 2 | 3;
  label: string;
  flagClass: string;
  pair: LanguagePair;
}

/** s.to v2 `data-language-id` / `data-language-label` and flag classes; s.to has no English-sub variant. */
export const STO_LANGUAGES: Partial<Record<LanguageCode, StoLanguage>> = {
  'german-dub': {
    id: 1,
    label: 'Deutsch',
    flagClass: 'svg-flag-german',
    pair: { audio: 'german', subtitles: null },
  },
  'english-dub': {
    id: 2,
    label: 'Englisch',
    flagClass: 'svg-flag-english',
    pair: { audio: 'english', subtitles: null },
  },
  'german-sub': {
    id: 3,
    label: 'Ger-Sub',
    flagClass: 'svg-flag-english-german',
    pair: { audio: 'english', subtitles: 'german' },
  },
};

/** Display order of the language groups on both sites. */
export const LANGUAGE_ORDER: readonly LanguageCode[] = [
  'german-dub',
  'german-sub',
  'english-sub',
  'english-dub',
];
