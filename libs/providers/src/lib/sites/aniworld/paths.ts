import { siteUrl } from '../../util/urls';

export const ANIWORLD = 'aniworld' as const;

export function seriesPath(key: string): string {
  return `/anime/stream/${encodeURIComponent(key)}`;
}

export function seasonPath(key: string, season: number): string {
  return season === 0 ? `${seriesPath(key)}/filme` : `${seriesPath(key)}/staffel-${season}`;
}

export function episodePath(key: string, season: number, episode: number): string {
  return season === 0
    ? `${seriesPath(key)}/filme/film-${episode}`
    : `${seriesPath(key)}/staffel-${season}/episode-${episode}`;
}

/** `/anime/stream/<slug>[/…]` (relative or absolute) → slug. */
export function keyFromLink(link: string): string | null {
  const m = /\/anime\/stream\/([^/?#]+)/.exec(link);
  return m ? decodeURIComponent(m[1]) : null;
}

/** Images and other assets: site-relative paths go through the base URL, absolute ones stay. */
export function assetUrl(baseUrl: string, link: string | undefined | null): string | null {
  if (!link) return null;
  const trimmed = link.trim();
  if (!trimmed || trimmed.startsWith('data:')) return null;
  if (/^https?:\/\//i.test(trimmed)) return trimmed;
  if (trimmed.startsWith('//')) return `https:${trimmed}`;
  return siteUrl(baseUrl, trimmed);
}
