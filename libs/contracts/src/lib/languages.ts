/** Audio or subtitle language as the sites offer them. */
export type LanguageTag = 'german' | 'english' | 'japanese';

/** Normalised language of a hoster link: what you hear, and what you read. */
export interface LanguagePair {
  audio: LanguageTag;
  subtitles: LanguageTag | null;
}

/** The four variants the sites offer, as stable identifiers. */
export const LANGUAGE_CODES = ['german-dub', 'german-sub', 'english-sub', 'english-dub'] as const;
export type LanguageCode = (typeof LANGUAGE_CODES)[number];

export const LANGUAGE_LABELS: Record<LanguageCode, string> = {
  'german-dub': 'German Dub',
  'german-sub': 'German Sub',
  'english-sub': 'English Sub',
  'english-dub': 'English Dub',
};

export const DEFAULT_LANGUAGE_PREFERENCE: readonly LanguageCode[] = [
  'german-dub',
  'german-sub',
  'english-sub',
];

/** Maps a normalised pair onto one of the four codes (German audio counts as a dub). */
export function languageCodeOf(pair: LanguagePair): LanguageCode {
  if (pair.audio === 'german') return 'german-dub';
  if (pair.audio === 'english' && pair.subtitles === null) return 'english-dub';
  if (pair.subtitles === 'german') return 'german-sub';
  return 'english-sub';
}

/**
 * Whether a download in `downloaded` fell back from the preference: a language ranked before it
 * was wanted and not delivered. Null when the preference is what was obtained (or unknown).
 */
export function fallbackFrom(
  downloaded: LanguageCode | null,
  preference: readonly LanguageCode[],
): LanguageCode | null {
  if (!downloaded || preference.length === 0) return null;
  return preference[0] === downloaded ? null : preference[0];
}

/**
 * The most preferred language among `offered` that ranks before `downloaded` in the preference:
 * what an upgrade of a file in `downloaded` would fetch. Null when nothing better is offered.
 */
export function upgradeLanguage(
  downloaded: LanguageCode | null,
  offered: readonly LanguageCode[],
  preference: readonly LanguageCode[],
): LanguageCode | null {
  if (!downloaded) return null;
  const rank = preference.indexOf(downloaded);
  const better = rank === -1 ? preference : preference.slice(0, rank);
  return better.find((code) => offered.includes(code)) ?? null;
}
