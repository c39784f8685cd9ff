/**
 * Site links are site-root-relative (`/anime/stream/x`) or absolute on whatever domain the site
 * uses; both become a path, and request URLs are always `baseUrl + path`, so a mirror or the
 * sandbox (`http://127.0.0.1:8090/aniworld`) works without knowing any real domain.
 */
export function sitePath(link: string): string {
  const trimmed = link.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) || trimmed.startsWith('//')) {
    const url = new URL(trimmed.startsWith('//') ? `http:${trimmed}` : trimmed);
    return url.pathname + url.search;
  }
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

export function normalizeBaseUrl(baseUrl: string): string {
  return baseUrl.trim().replace(/\/+$/, '');
}

export function siteUrl(baseUrl: string, link: string): string {
  return normalizeBaseUrl(baseUrl) + sitePath(link);
}

const HOSTER_MARKER = /^(e|d|v)$/i;

/**
 * The hoster's base URL is everything before the embed marker segment (`/e/`, `/d/`, `/v/`,
 * `/embed-…`), so `https://voe.sx/e/x` gives `https://voe.sx` and a mirror under a prefix
 * (`http://127.0.0.1:8090/voe/e/x`) gives `http://127.0.0.1:8090/voe`. Without a marker the
 * last segment is taken to be the file id.
 */
export function hosterBase(embedUrl: string): string {
  const url = new URL(embedUrl);
  const segments = url.pathname.split('/').filter(Boolean);
  let cut = segments.findIndex((s) => HOSTER_MARKER.test(s) || /^embed-/i.test(s));
  if (cut < 0) cut = Math.max(0, segments.length - 1);
  const prefix = segments.slice(0, cut).join('/');
  return prefix ? `${url.origin}/${prefix}` : url.origin;
}

/** The path segment after the embed marker (`/e/<id>`), or the last segment, without extension. */
export function fileCodeOf(embedUrl: string): string | undefined {
  const segments = new URL(embedUrl).pathname.split('/').filter(Boolean);
  const marker = segments.findIndex((s) => HOSTER_MARKER.test(s));
  if (marker >= 0 && segments[marker + 1]) return segments[marker + 1];
  const last = segments[segments.length - 1];
  if (!last) return undefined;
  const embed = /^embed-([^.]+)(?:\.html?)?$/i.exec(last);
  return embed ? embed[1] : last.replace(/\.html?$/i, '');
}
