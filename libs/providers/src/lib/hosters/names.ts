import { HOSTER_NAMES, type HosterName } from '@aniworld/contracts';

/** Substrings (lower case) that identify a hoster in a label, host name or path. */
const ALIASES: readonly [string, HosterName][] = [
  ['voe', 'VOE'],
  ['doodstream', 'Doodstream'],
  ['dood', 'Doodstream'],
  ['d0000d', 'Doodstream'],
  ['d000d', 'Doodstream'],
  ['ds2play', 'Doodstream'],
  ['playmogo', 'Doodstream'],
  ['vidply', 'Doodstream'],
  ['doodsearch', 'Doodstream'],
  ['filemoon', 'Filemoon'],
  ['byse', 'Filemoon'],
  ['vidmoly', 'Vidmoly'],
  ['vidoza', 'Vidoza'],
  ['videzz', 'Vidoza'],
  ['luluvdo', 'Luluvdo'],
  ['lulustream', 'Luluvdo'],
  ['loadx', 'LoadX'],
  ['speedfiles', 'SpeedFiles'],
  ['streamtape', 'Streamtape'],
  ['streamta.pe', 'Streamtape'],
  ['strtape', 'Streamtape'],
];

/** "Hoster VOE", "voe", "Byse" → contracts `HosterName`; null when nothing matches. */
export function normalizeHosterName(raw: string | null | undefined): HosterName | null {
  if (!raw) return null;
  const s = raw.trim().toLowerCase();
  if (!s) return null;
  const exact = HOSTER_NAMES.find((name) => name.toLowerCase() === s);
  if (exact) return exact;
  for (const [alias, name] of ALIASES) if (s.includes(alias)) return name;
  return null;
}

/** Guesses the hoster from an embed URL: its host name first, then its path segments. */
export function hosterFromUrl(url: string): HosterName | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const byHost = normalizeHosterName(parsed.hostname);
  if (byHost) return byHost;
  for (const segment of parsed.pathname.split('/').filter(Boolean)) {
    if (/^(e|d|v)$/i.test(segment) || /^embed-/i.test(segment)) break;
    const bySegment = normalizeHosterName(segment);
    if (bySegment) return bySegment;
  }
  return null;
}
