import type { LanguagePair, LanguageTag } from '@aniworld/contracts';

const TAGS: Record<string, LanguageTag> = {
  german: 'german',
  deutsch: 'german',
  de: 'german',
  ger: 'german',
  english: 'english',
  englisch: 'english',
  en: 'english',
  eng: 'english',
  japanese: 'japanese',
  japanisch: 'japanese',
  jp: 'japanese',
  ja: 'japanese',
};

/**
 * A flag name such as `german`, `japanese-german`, `english-german` (from `/public/img/x.svg`,
 * `svg-flag-x` or `#icon-flag-x`): the first part is the audio, the second the subtitles.
 */
export function languageFromFlag(flag: string): LanguagePair | null {
  const name = flagName(flag);
  if (!name) return null;
  const [audio, subtitles, ...rest] = name.split('-');
  if (rest.length > 0) return null;
  const a = TAGS[audio];
  if (!a) return null;
  if (subtitles === undefined) return { audio: a, subtitles: null };
  const s = TAGS[subtitles];
  return s ? { audio: a, subtitles: s } : null;
}

/** Reduces `/public/img/japanese-german.svg?v=2`, `svg-flag-german`, `#icon-flag-german` to the name. */
export function flagName(raw: string): string | null {
  const s = raw.trim().toLowerCase();
  const svgClass = /(?:svg-flag-|icon-flag-|flag-)([a-z]+(?:-[a-z]+)?)\b/.exec(s);
  if (svgClass) return svgClass[1];
  const file = /([a-z]+(?:-[a-z]+)?)\.(?:svg|png|gif|jpe?g|webp)(?:[?#].*)?$/.exec(s);
  if (file) return file[1];
  return /^[a-z]+(?:-[a-z]+)?$/.test(s) ? s : null;
}

/** aniworld `data-lang-key` (docs/sites.md#aniworld-language-keys). */
export const ANIWORLD_LANG_KEYS: Record<string, LanguagePair> = {
  '1': { audio: 'german', subtitles: null },
  '2': { audio: 'japanese', subtitles: 'english' },
  '3': { audio: 'japanese', subtitles: 'german' },
  '4': { audio: 'english', subtitles: null },
};

/** s.to v2 `data-language-id`; id 3 is an assumption of AniBridge, labels win over it. */
export const STO_LANGUAGE_IDS: Record<string, LanguagePair> = {
  '1': { audio: 'german', subtitles: null },
  '2': { audio: 'english', subtitles: null },
  '3': { audio: 'english', subtitles: 'german' },
};

/**
 * Language labels as the sites print them ("Deutsch", "Englisch", "Ger-Sub", "mit deutschen
 * Untertiteln" …). `originalAudio` is the audio of a subtitled release: Japanese on aniworld,
 * English on s.to.
 */
export function languageFromLabel(label: string, originalAudio: LanguageTag): LanguagePair | null {
  const s = label.toLowerCase();
  const sub = /sub|untertitel|subtitle/.test(s);
  const german = /deutsch|german|\bger\b|\bde\b/.test(s);
  const english = /englisch|english|\beng?\b/.test(s);
  if (sub) {
    if (german) return { audio: originalAudio, subtitles: 'german' };
    if (english) return { audio: originalAudio, subtitles: 'english' };
    return null;
  }
  if (german) return { audio: 'german', subtitles: null };
  if (english) return { audio: 'english', subtitles: null };
  return null;
}

export function samePair(a: LanguagePair, b: LanguagePair): boolean {
  return a.audio === b.audio && a.subtitles === b.subtitles;
}
