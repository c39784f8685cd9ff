import type { HosterName, StreamDescriptor } from '@aniworld/contracts';
import { HosterUnavailable, ParseFailed, VideoGone } from '../errors';
import { assertNoChallenge } from '../http/challenge';
import type { HttpResponse, RequestOptions } from '../http/http-client';
import { hosterBase } from '../util/urls';
import type { ExtractContext } from './types';

const GONE_TEXT =
  /Video nicht verfügbar|File was deleted|File Not Found|file was removed|Video not found|video (?:has been|was) (?:deleted|removed)|This video is no longer available|Datei wurde gelöscht/i;

/** GET a hoster page with the context's UA; challenge, 404/410 and other failures become typed errors. */
export async function fetchHoster(
  hoster: HosterName,
  url: string,
  ctx: ExtractContext,
  options: RequestOptions & { method?: 'GET' | 'HEAD'; userAgent?: string } = {},
): Promise<HttpResponse> {
  const headers = { 'user-agent': options.userAgent ?? ctx.userAgent, ...options.headers };
  const req = { ...options, headers, signal: options.signal ?? ctx.signal };
  const res =
    options.method === 'HEAD' ? await ctx.http.head(url, req) : await ctx.http.get(url, req);
  return checkHoster(hoster, url, res);
}

export function checkHoster(hoster: HosterName, url: string, res: HttpResponse): HttpResponse {
  assertNoChallenge(res, url);
  if (res.status === 404 || res.status === 410)
    throw new VideoGone(hoster, url, `HTTP ${res.status}`);
  if (res.status < 200 || res.status >= 300) {
    throw new HosterUnavailable(hoster, url, `HTTP ${res.status}`);
  }
  return res;
}

/** Nothing usable on the page: a removal notice becomes VideoGone, anything else ParseFailed. */
export function nothingFound(
  hoster: HosterName,
  url: string,
  body: string,
  missing: string,
): never {
  const gone = GONE_TEXT.exec(body);
  if (gone) throw new VideoGone(hoster, url, gone[0]);
  if (/web server is down/i.test(body))
    throw new HosterUnavailable(hoster, url, 'Web server is down');
  throw new ParseFailed(hoster, url, missing);
}

export function kindOf(url: string, fallback: StreamDescriptor['kind']): StreamDescriptor['kind'] {
  const path = url.split('?')[0].toLowerCase();
  if (path.endsWith('.m3u8') || path.includes('.m3u8')) return 'hls';
  if (/\.(mp4|mkv|webm|m4v)$/.test(path)) return 'mp4';
  return fallback;
}

/**
 * Referer/Origin as the hoster's own player sends them. The Referer is the hoster base (origin
 * plus any mirror path prefix), which for a real hoster is just `https://voe.sx/`.
 */
export function embedHeaders(
  embedUrl: string,
  userAgent: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  const origin = new URL(embedUrl).origin;
  return { 'User-Agent': userAgent, Referer: embedReferer(embedUrl), Origin: origin, ...extra };
}

export function embedReferer(embedUrl: string): string {
  return `${hosterBase(embedUrl)}/`;
}

export function absolutize(link: string, base: string): string {
  return new URL(link.replace(/\\\//g, '/'), base).toString();
}

export function unescapeJs(s: string): string {
  return s
    .replace(/\\\//g, '/')
    .replace(/\\u([0-9a-f]{4})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** JW-player style `tracks: [{file: "…", label: "…", kind: "captions"}]` → subtitles. */
export function jwTracks(text: string, base: string): { language: string; url: string }[] {
  const block = /tracks\s*:\s*\[([\s\S]*?)\]/.exec(text);
  if (!block) return [];
  const out: { language: string; url: string }[] = [];
  for (const m of block[1].matchAll(/\{([^{}]*)\}/g)) {
    const body = m[1];
    const file = /(?:file|src)\s*:\s*["']([^"']+)["']/.exec(body)?.[1];
    const kind = /kind\s*:\s*["']([^"']+)["']/.exec(body)?.[1] ?? 'captions';
    if (!file || !/captions|subtitles/i.test(kind) || /thumbnails/i.test(file)) continue;
    const label = /(?:label|srclang|language)\s*:\s*["']([^"']+)["']/.exec(body)?.[1] ?? 'unknown';
    out.push({ language: label, url: absolutize(unescapeJs(file), base) });
  }
  return out;
}
