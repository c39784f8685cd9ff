import {
  episodeCode,
  LANGUAGE_CODES,
  type LanguageCode,
  SITE_IDS,
  type SiteId,
} from '@aniworld/contracts';

/** `download` fetches the video; `strm` writes a `.strm` file that streams it (docs/arr-qbittorrent.md). */
export type ReleaseMode = 'download' | 'strm';
export const RELEASE_MODES: readonly ReleaseMode[] = ['download', 'strm'];

/**
 * What one release is: an episode of a series on one site, in one language variant, delivered
 * one way. Season 0 holds films and specials. Everything else about a release (its title, GUID,
 * info hash, magnet) is derived from this and nothing else, so it is the same on every instance
 * and every run.
 */
export interface ReleaseIdentity {
  site: SiteId;
  seriesKey: string;
  season: number;
  episode: number;
  language: LanguageCode;
  mode: ReleaseMode;
}

const CANONICAL_VERSION = 'v1';
/** Series keys are site slugs; the bound only keeps hostile input small. */
const MAX_KEY_LENGTH = 200;
const MAX_NUMBER = 100_000;

/** Throws a TypeError naming the field when the identity could not be a real release. */
export function assertReleaseIdentity(id: ReleaseIdentity): void {
  const problem = identityProblem(id);
  if (problem) throw new TypeError(`invalid release identity: ${problem}`);
}

function identityProblem(id: ReleaseIdentity): string | null {
  if (!(SITE_IDS as readonly string[]).includes(id.site)) return `site '${String(id.site)}'`;
  if (
    typeof id.seriesKey !== 'string' ||
    id.seriesKey.length === 0 ||
    id.seriesKey.length > MAX_KEY_LENGTH
  )
    return 'seriesKey';
  if (!Number.isInteger(id.season) || id.season < 0 || id.season > MAX_NUMBER) return 'season';
  if (!Number.isInteger(id.episode) || id.episode < 0 || id.episode > MAX_NUMBER) return 'episode';
  if (!(LANGUAGE_CODES as readonly string[]).includes(id.language))
    return `language '${String(id.language)}'`;
  if (!(RELEASE_MODES as readonly string[]).includes(id.mode)) return `mode '${String(id.mode)}'`;
  return null;
}

/**
 * The one text form of an identity: `v1/<site>/<key>/<season>/<episode>/<language>/<mode>`,
 * the key percent-encoded so a `/` in it cannot shift the fields. It is what the info dict
 * carries and what a magnet's `x.aw` parameter holds.
 */
export function canonicalIdentity(id: ReleaseIdentity): string {
  assertReleaseIdentity(id);
  return [
    CANONICAL_VERSION,
    id.site,
    encodeURIComponent(id.seriesKey),
    id.season,
    id.episode,
    id.language,
    id.mode,
  ].join('/');
}

/** The inverse of {@link canonicalIdentity}; null for anything that is not exactly that form. */
export function parseCanonicalIdentity(text: string): ReleaseIdentity | null {
  const parts = text.split('/');
  if (parts.length !== 7 || parts[0] !== CANONICAL_VERSION) return null;
  const [, site, rawKey, season, episode, language, mode] = parts;
  if (!/^(0|[1-9]\d*)$/.test(season) || !/^(0|[1-9]\d*)$/.test(episode)) return null;
  let seriesKey: string;
  try {
    seriesKey = decodeURIComponent(rawKey);
  } catch {
    return null;
  }
  const id = {
    site,
    seriesKey,
    season: Number(season),
    episode: Number(episode),
    language,
    mode,
  } as ReleaseIdentity;
  if (identityProblem(id) !== null) return null;
  // Only the exact canonical spelling counts, so one identity has one text form.
  return canonicalIdentity(id) === text ? id : null;
}

/** A stable, readable GUID for feeds: `aniworld:<site>:<key>:s01e05:<language>:<mode>`. */
export function releaseGuid(id: ReleaseIdentity): string {
  assertReleaseIdentity(id);
  const se = episodeCode(id.season, id.episode).toLowerCase();
  return `aniworld:${id.site}:${encodeURIComponent(id.seriesKey)}:${se}:${id.language}:${id.mode}`;
}
