import { episodeCode, type LanguageCode, type SiteId } from '@aniworld/contracts';
import { assertReleaseIdentity, type ReleaseIdentity } from './identity';

export interface ReleaseTitleInput {
  /** The series title Sonarr knows (the one it searched with), not necessarily the site's. */
  seriesTitle: string;
  /** Probed video height (1080, 720, …); left out of the title when unknown. */
  height?: number | null;
  /** Probed codec (`h264`, `hevc`, `av1`, …); left out when unknown. */
  codec?: string | null;
  /** Absolute episode number; set only when the search was absolute-only (docs/arr-qbittorrent.md). */
  absolute?: number | null;
}

/**
 * Language tokens as Sonarr's LanguageParser reads them: `GER` alone is German audio; a token
 * followed by `.SUB` is excluded by its subtitle rule, so `GER.SUB`/`ENG.SUB` parse as Unknown
 * and fall back to the series' original language (Japanese for anime), which is what a sub is.
 */
const LANGUAGE_TOKENS: Record<LanguageCode, string> = {
  'german-dub': 'GER',
  'german-sub': 'GER.SUB',
  'english-sub': 'ENG.SUB',
  'english-dub': 'ENG',
};

const GROUPS: Record<SiteId, string> = { aniworld: 'ANIWORLD', sto: 'STO' };

const CODECS: Record<string, string> = {
  h264: 'H264',
  avc: 'H264',
  avc1: 'H264',
  x264: 'H264',
  hevc: 'H265',
  h265: 'H265',
  hvc1: 'H265',
  x265: 'H265',
  av1: 'AV1',
  vp9: 'VP9',
};

/**
 * The release title Sonarr parses:
 * `Title.S01E01.1080p.WEB.H264.GER-ANIWORLD` (season/episode form), or
 * `[ANIWORLD] Title - 05 [1080p WEB H264][GER]` (absolute form, only with `input.absolute`),
 * plus ` [STRM]` for mode `strm`.
 */
export function releaseTitle(id: ReleaseIdentity, input: ReleaseTitleInput): string {
  assertReleaseIdentity(id);
  const words = titleWords(input.seriesTitle);
  if (words.length === 0) words.push(...titleWords(id.seriesKey.replace(/-/g, ' ')));
  if (words.length === 0) words.push('Unknown');
  const quality = [heightToken(input.height), 'WEB', codecToken(input.codec)].filter(
    (t): t is string => t !== null,
  );
  const language = LANGUAGE_TOKENS[id.language];
  const group = GROUPS[id.site];
  const absolute = input.absolute;
  const title =
    absolute !== null && absolute !== undefined && Number.isInteger(absolute) && absolute > 0
      ? `[${group}] ${words.join(' ')} - ${String(absolute).padStart(2, '0')} [${quality.join(' ')}][${language}]`
      : `${words.join('.')}.${episodeCode(id.season, id.episode)}.${quality.join('.')}.${language}-${group}`;
  return id.mode === 'strm' ? `${title} [STRM]` : title;
}

/**
 * Words Sonarr's CleanTitle will match: diacritics dropped (`ß` → `ss`), `&` → `and`,
 * apostrophes removed (`Hell's` → `Hells`), every other non-alphanumeric run a separator.
 */
function titleWords(title: string): string[] {
  return title
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/&/g, ' and ')
    .replace(/['’`´]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

function heightToken(height: number | null | undefined): string | null {
  if (height === null || height === undefined || !Number.isFinite(height) || height <= 0)
    return null;
  return `${Math.round(height)}p`;
}

function codecToken(codec: string | null | undefined): string | null {
  if (!codec) return null;
  const key = codec.trim().toLowerCase();
  if (CODECS[key]) return CODECS[key];
  const cleaned = key.replace(/[^a-z0-9]/g, '').toUpperCase();
  return cleaned.length > 0 && cleaned.length <= 8 ? cleaned : null;
}
