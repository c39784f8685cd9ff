import { LANGUAGE_CODES, type LanguageCode, SITE_IDS, type SiteId } from '@aniworld/contracts';

/** What a `.strm` URL names: an episode in one language, never a resolved stream (docs/strm.md). */
export interface StrmEpisode {
  site: SiteId;
  key: string;
  season: number;
  episode: number;
  language: LanguageCode;
}

const MAX_KEY_LENGTH = 200;
const MAX_NUMBER = 100_000;
const NUMBER = /^(0|[1-9]\d{0,5})$/;

/** The query parameters of `/strm/stream` that name the episode. */
export function episodeParams(ep: StrmEpisode): Record<string, string> {
  return {
    site: ep.site,
    key: ep.key,
    s: String(ep.season),
    e: String(ep.episode),
    lang: ep.language,
  };
}

/** The inverse of {@link episodeParams}; null for anything that is not one episode. */
export function episodeFromParams(params: Record<string, string>): StrmEpisode | null {
  const { site, key, s, e, lang } = params;
  if (!(SITE_IDS as readonly string[]).includes(site)) return null;
  if (!(LANGUAGE_CODES as readonly string[]).includes(lang)) return null;
  // eslint-disable-next-line no-control-regex
  if (!key || key.length > MAX_KEY_LENGTH || /[\x00-\x1f\x7f]/.test(key)) return null;
  if (!NUMBER.test(s ?? '') || !NUMBER.test(e ?? '')) return null;
  const season = Number(s);
  const episode = Number(e);
  if (season > MAX_NUMBER || episode > MAX_NUMBER) return null;
  return { site: site as SiteId, key, season, episode, language: lang as LanguageCode };
}

/** One text per episode: the cache key in memory and in `strm_streams`. */
export function episodeId(ep: StrmEpisode): string {
  return [ep.site, encodeURIComponent(ep.key), ep.season, ep.episode, ep.language].join('/');
}

/** The inverse of {@link episodeId} (proxy URLs carry it as `ep`). */
export function episodeFromId(id: string): StrmEpisode | null {
  const parts = id.split('/');
  if (parts.length !== 5) return null;
  let key: string;
  try {
    key = decodeURIComponent(parts[1]);
  } catch {
    return null;
  }
  const ep = episodeFromParams({ site: parts[0], key, s: parts[2], e: parts[3], lang: parts[4] });
  return ep && episodeId(ep) === id ? ep : null;
}

export function describeEpisode(ep: StrmEpisode): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${ep.site}:${ep.key} S${pad(ep.season)}E${pad(ep.episode)} (${ep.language})`;
}
