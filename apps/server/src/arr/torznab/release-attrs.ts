import { type LanguageCode, type SiteId, TORZNAB_CATEGORY } from '@aniworld/contracts';

/**
 * What an item says beside its title: languages, categories and an estimated size
 * (docs/arr-torznab.md, "Items").
 */

/**
 * Newznab `language` (what you hear) and `subs` (what you read), in the English names Sonarr's
 * IsoLanguages knows. Sonarr lets these attributes replace the languages it parses from the
 * title, so a German sub is Japanese audio on aniworld, English audio on s.to, never "German".
 */
export function languageAttrs(
  site: SiteId,
  language: LanguageCode,
): { languages: string[]; subs: string[] } {
  const original = site === 'aniworld' ? 'Japanese' : 'English';
  switch (language) {
    case 'german-dub':
      return { languages: ['German'], subs: [] };
    case 'english-dub':
      return { languages: ['English'], subs: [] };
    case 'german-sub':
      return { languages: [original], subs: ['German'] };
    case 'english-sub':
      return { languages: [original], subs: ['English'] };
  }
}

/**
 * aniworld is an anime site: TV (5000) and TV/Anime (5070). s.to carries ordinary series: TV and
 * SD/HD by the probed height (only TV while unknown). Films asked for through `t=movie` are
 * Movies (2000); as season 0 of a series they stay TV.
 */
export function categoriesOf(site: SiteId, height: number | null, asMovie: boolean): number[] {
  if (asMovie) return [TORZNAB_CATEGORY.movies];
  if (site === 'aniworld') return [TORZNAB_CATEGORY.tv, TORZNAB_CATEGORY.anime];
  if (height === null) return [TORZNAB_CATEGORY.tv];
  return [TORZNAB_CATEGORY.tv, height >= 720 ? TORZNAB_CATEGORY.tvHd : TORZNAB_CATEGORY.tvSd];
}

/** Parents include their subcategories when a client filters by `cat`. */
export function matchesCategories(itemCats: readonly number[], wanted: readonly number[]): boolean {
  return itemCats.some((c) => wanted.includes(c) || wanted.includes(Math.floor(c / 1000) * 1000));
}

/** Every category this indexer can put on an item (caps lists them). */
export const KNOWN_CATEGORIES: readonly number[] = Object.values(TORZNAB_CATEGORY);

/** Typical stream bitrates of these hosters per height, in bits per second (video + audio). */
const BITRATE_BY_HEIGHT: [number, number][] = [
  [2160, 12_000_000],
  [1080, 4_500_000],
  [720, 2_500_000],
  [480, 1_200_000],
  [0, 800_000],
];
/** When nothing was probed: a 720p-class stream, the most common on these hosters. */
const UNKNOWN_BITRATE = 2_500_000;
const EPISODE_SECONDS = 24 * 60;
const FILM_SECONDS = 100 * 60;

/**
 * Bytes: bitrate × duration from the HLS master when both were probed; otherwise the typical
 * bitrate of the probed height (or of 720p) over a typical runtime (24 minutes an episode,
 * 100 minutes a film). Never 0 and never a token 1 KB, which Sonarr would reject as too small.
 */
export function estimateSize(input: {
  bandwidth: number | null;
  height: number | null;
  durationSec: number | null;
  film: boolean;
}): number {
  const seconds = input.durationSec ?? (input.film ? FILM_SECONDS : EPISODE_SECONDS);
  const height = input.height;
  const bps =
    input.bandwidth ??
    (height === null
      ? UNKNOWN_BITRATE
      : (BITRATE_BY_HEIGHT.find(([h]) => height >= h) ?? [0, UNKNOWN_BITRATE])[1]);
  return Math.round((bps * seconds) / 8);
}

/** `avc1.64001f,mp4a.40.2` → h264; HEVC → hevc; AV1 → av1 (the names releaseTitle knows). */
export function codecName(codecs: string | undefined): string | null {
  if (!codecs) return null;
  if (/\bavc[13]/i.test(codecs)) return 'h264';
  if (/\b(hvc1|hev1)/i.test(codecs)) return 'hevc';
  if (/\bav01/i.test(codecs)) return 'av1';
  return null;
}
