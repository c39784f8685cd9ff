import { EpisodeNotFound, ParseFailed, SeriesNotFound, UpstreamError, VideoGone } from '../errors';
import { assertNoChallenge } from '../http/challenge';
import type { HttpClient, HttpResponse } from '../http/http-client';
import type { SiteId } from './types';

export type NotFoundKind = 'series' | 'episode' | 'none';

export interface PageRequest {
  site: SiteId;
  url: string;
  /** Which typed error a 404/410 becomes. */
  notFound: NotFoundKind;
  key?: string;
  cache?: boolean;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** GET a site page; challenge pages, 404s and other failures become typed errors. */
export async function fetchPage(http: HttpClient, req: PageRequest): Promise<HttpResponse> {
  const res = await http.get(req.url, {
    cache: req.cache,
    headers: req.headers,
    signal: req.signal,
  });
  return checkPage(res, req);
}

export function checkPage(res: HttpResponse, req: PageRequest): HttpResponse {
  assertNoChallenge(res, req.url);
  if (res.status === 404 || res.status === 410) {
    if (req.notFound === 'series') throw new SeriesNotFound(req.site, req.key ?? req.url, req.url);
    if (req.notFound === 'episode') throw new EpisodeNotFound(req.site, req.url);
  }
  if (res.status < 200 || res.status >= 300) throw new UpstreamError(res.status, req.url);
  return res;
}

export function parseJson(site: SiteId, page: string, body: string): unknown {
  try {
    return JSON.parse(body.replace(/^\uFEFF/, ''));
  } catch {
    throw new ParseFailed(site, page, 'JSON body');
  }
}

/**
 * Requests the site's redirect with redirects NOT followed and reads `Location`, so the hoster
 * URL is known even if a later hop would fail. Referer = the site root, as a browser would send.
 */
export async function readRedirect(
  http: HttpClient,
  site: SiteId,
  baseUrl: string,
  url: string,
  signal?: AbortSignal,
): Promise<string> {
  const res = await http.get(url, {
    followRedirects: false,
    headers: { referer: `${baseUrl.replace(/\/+$/, '')}/` },
    signal,
  });
  assertNoChallenge(res, url);
  const location = res.headers['location'];
  if (res.status >= 300 && res.status < 400 && location) return new URL(location, url).toString();
  if (res.status === 404 || res.status === 410)
    throw new VideoGone('unknown', url, `redirect answered ${res.status}`);
  if (res.status >= 400) throw new UpstreamError(res.status, url);
  throw new ParseFailed(site, url, 'Location header of the hoster redirect');
}
